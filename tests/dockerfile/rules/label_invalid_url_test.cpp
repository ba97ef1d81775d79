#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelInvalidUrl, ReportsValuesNotOfTheForm) {
  expect_label_form("DD1134", "url", {"github.com/acme/app", "https:///x", "http://", "not a url"},
                    {"https://github.com/acme/app", "git://example.com/r.git", "urn:isbn:0451450523", "ssh://git@host/repo"});
}

}  // namespace
}  // namespace dd::test
