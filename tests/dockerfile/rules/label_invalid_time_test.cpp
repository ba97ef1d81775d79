#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelInvalidTime, ReportsValuesNotOfTheForm) {
  expect_label_form("DD1135", "rfc3339", {"2024-05-01 12:00", "2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T12:00:00", "today", "2024-05-01T25:00:00Z"},
                    {"2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123456+02:00", "2024-05-01t12:00:00z"});
}

}  // namespace
}  // namespace dd::test
