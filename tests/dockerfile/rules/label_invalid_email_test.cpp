#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelInvalidEmail, ReportsValuesNotOfTheForm) {
  expect_label_form("DD1139", "email", {"platform team", "jane@", "@example.com", "jane..doe@example.com", "Jane <jane@example.com", "jane@-x.com"},
                    {"jane@example.com", "Jane Doe <jane@example.com>", "j.doe+docker@mail.example.co.uk"});
}

}  // namespace
}  // namespace dd::test
