// Redaction happens once, where a finding is added (Report::add): a rule that
// puts a raw AWS key in its evidence, message and fix never shows it, in any
// format, even when the renderer does not scrub anything itself.
#include <gtest/gtest.h>

#include <sstream>

#include "core/redact.h"
#include "core/registrar.h"
#include "core/report.h"
#include "render/render.h"

namespace dd::test {
namespace {

// A realistic (not a documented example) access key id: AKIA + 16 characters.
constexpr const char* kKey = "AKIAQ3EGRZ7N4XKWB5TD";

const RuleInfo& kLeaky = Registrar<Domain::dockerfile>::add(
    "DD9960", "test-leaky-rule", Category::secret_leak, Severity::error, "A rule that quotes what it saw",
    "Test only.", "Test only.");

Finding leaky() {
  Finding f;
  f.rule = kLeaky.id;
  f.location = {.file = "Dockerfile", .line = 3};
  f.message = std::string("ENV on line 3 sets AWS_ACCESS_KEY_ID=") + kKey;
  f.evidence = std::string("ENV AWS_ACCESS_KEY_ID=") + kKey;
  f.fix = std::string("RUN --mount=type=secret,id=aws  # and rotate ") + kKey;
  f.root_cause = std::string("The key ") + kKey + " is in the image config.";
  f.related.push_back({{.file = "Dockerfile", .line = 1}, std::string("first seen as ") + kKey});
  f.properties["advisory"] = kKey;
  return f;
}

std::string render_all(const std::vector<Finding>& fs, render::Format format) {
  render::Options opt;  // no scrub: the sink alone must have redacted
  opt.code_frames = false;
  std::ostringstream out;
  render::write(format, out, fs, opt);
  return out.str();
}

TEST(SinkRedaction, MaskerIsInstalledBySecretsLibrary) { EXPECT_TRUE(has_secret_masker()); }

TEST(SinkRedaction, ReportAddRedactsEveryText) {
  Report r;
  r.add(leaky());
  ASSERT_EQ(r.findings().size(), 1u);
  const Finding& f = r.findings()[0];
  const std::string masked = redact(kKey);  // AKIA************B5TD
  ASSERT_NE(masked, kKey);
  for (const std::string* s : {&f.message, &f.evidence, &f.fix, &f.root_cause, &f.related[0].message,
                               &f.properties.at("advisory")}) {
    EXPECT_EQ(s->find(kKey), std::string::npos) << *s;
    EXPECT_NE(s->find(masked), std::string::npos) << *s;
  }
}

TEST(SinkRedaction, NoFormatShowsTheKey) {
  Report r;
  r.add(leaky());
  const std::string masked = redact(kKey);
  for (auto format : {render::Format::text, render::Format::json, render::Format::sarif}) {
    const std::string out = render_all(r.findings(), format);
    EXPECT_EQ(out.find(kKey), std::string::npos) << out;
    EXPECT_NE(out.find(masked), std::string::npos) << out;
  }
}

TEST(SinkRedaction, FindingsThatBypassTheSinkWouldLeak) {
  // The control: the same finding rendered without Report::add shows the key,
  // so the test above fails if the sink stops redacting.
  const std::string out = render_all({leaky()}, render::Format::json);
  EXPECT_NE(out.find(kKey), std::string::npos);
}

TEST(SinkRedaction, TextWithoutSecretsIsUnchanged) {
  Report r;
  Finding f;
  f.rule = kLeaky.id;
  f.message = "COPY . . on line 4 invalidates the cache of RUN npm ci on line 5";
  f.fix = "COPY package.json package-lock.json ./";
  r.add(f);
  EXPECT_EQ(r.findings()[0].message, f.message);
  EXPECT_EQ(r.findings()[0].fix, f.fix);
}

}  // namespace
}  // namespace dd::test
