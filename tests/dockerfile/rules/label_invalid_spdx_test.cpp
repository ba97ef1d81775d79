#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelInvalidSpdx, ReportsValuesNotOfTheForm) {
  expect_label_form("DD1136", "spdx", {"Apache 2.0", "GPLv3", "MIT License", "MIT AND", "(MIT", "BSD"},
                    {"MIT", "Apache-2.0 OR MIT", "GPL-2.0-only WITH Classpath-exception-2.0", "(MIT OR Apache-2.0) AND BSD-3-Clause", "mit", "GPL-2.0+", "LicenseRef-acme"});
}

}  // namespace
}  // namespace dd::test
