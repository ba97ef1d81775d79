#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelInvalidHash, ReportsValuesNotOfTheForm) {
  expect_label_form("DD1137", "hash", {"main", "abc", "0123456789abcdef0123456789abcdef012345678", "g123456"},
                    {"0123456789abcdef0123456789abcdef01234567", "abc1234"});
}

}  // namespace
}  // namespace dd::test
