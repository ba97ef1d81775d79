#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelInvalidSemver, ReportsValuesNotOfTheForm) {
  expect_label_form("DD1138", "semver", {"v1.2.3", "1.2", "01.2.3", "1.2.3-01", "1.2.3+", "latest"},
                    {"1.2.3", "0.0.1-alpha.1", "1.0.0-rc.1+build.5", "10.20.30", "1.0.0-0A.is.legal"});
}

}  // namespace
}  // namespace dd::test
