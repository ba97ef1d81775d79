#include <gtest/gtest.h>

#include <fstream>

#include "core/config.h"
#include "core/error.h"
#include "core/registry.h"
#include "helpers.h"

namespace dd::test {
namespace {

// A rule of the test binary's own, so alias resolution has something to find.
const RuleInfo& kRule = Registry::instance().add({.id = "DD9901",
                                                  .name = "config-test-rule",
                                                  .severity = Severity::warning,
                                                  .summary = "test rule",
                                                  .aliases = {"DL9901", "ConfigTestRule"}});

TEST(Config, LoadsDrydockYaml) {
  TempDir d;
  auto p = d.write(".drydock.yaml",
                   "ignore: [DL9901]\n"
                   "severity:\n  ConfigTestRule: error\n"
                   "trusted_registries: [registry.example.com]\n"
                   "thresholds:\n  max_image_age_days: 30\n  max_image_size_mb: 200\n"
                   "fail_on: warning\n"
                   "ignore_paths:\n  - path: 'legacy/**'\n    rules: [DD9901]\n  - 'vendor/**'\n");
  Config c = load_config(p);
  EXPECT_TRUE(c.ignored.count("DD9901")) << "alias DL9901 resolves to DD9901";
  EXPECT_EQ(c.severity_for("DD9901", Severity::info), Severity::error);
  ASSERT_EQ(c.trusted_registries.size(), 1u);
  EXPECT_EQ(c.max_image_age_days, 30);
  EXPECT_EQ(c.max_image_size_bytes, 200ull << 20);
  ASSERT_TRUE(c.fail_on.has_value());
  EXPECT_EQ(*c.fail_on, Severity::warning);
  ASSERT_EQ(c.path_ignores.size(), 2u);
  EXPECT_TRUE(c.path_ignores[1].rules.empty());
}

TEST(Config, PathIgnoresMatchRelativeToConfigFolder) {
  TempDir d;
  auto p = d.write(".drydock.yaml", "ignore_paths:\n  - path: 'legacy/*'\n    rules: [DD9901]\n");
  Config c = load_config(p);
  EXPECT_TRUE(c.is_ignored("DD9901", (d.path() / "legacy/Dockerfile").string()));
  EXPECT_FALSE(c.is_ignored("DD9901", (d.path() / "app/Dockerfile").string()));
  EXPECT_FALSE(c.is_ignored("DD0001", (d.path() / "legacy/Dockerfile").string()));
}

TEST(Config, HadolintYamlIsHonoured) {
  TempDir d;
  auto p = d.write(".hadolint.yaml",
                   "ignored:\n  - DL9901\ntrustedRegistries:\n  - docker.io\noverride:\n  error:\n    - DL9901\n");
  Config c = load_config(p);
  EXPECT_TRUE(c.ignored.count("DD9901"));
  EXPECT_EQ(c.trusted_registries, std::vector<std::string>{"docker.io"});
  EXPECT_EQ(c.severity_for("DD9901", Severity::info), Severity::error);
}

TEST(Config, DiscoveredByWalkingUp) {
  TempDir d;
  d.write(".drydock.yaml", "ignore: [DD9901]\n");
  auto df = d.write("services/api/Dockerfile", "FROM scratch\n");
  Config c = discover_config(df);
  EXPECT_TRUE(c.ignored.count("DD9901"));
  EXPECT_EQ(c.source.filename(), ".drydock.yaml");
}

TEST(Config, UnknownRuleIsRemembered) {
  TempDir d;
  Config c = load_config(d.write(".drydock.yaml", "ignore: [NOPE123]\n"));
  EXPECT_EQ(c.unknown_rules, std::vector<std::string>{"NOPE123"});
}

TEST(Config, MalformedYamlNamesFileAndLine) {
  TempDir d;
  auto p = d.write(".drydock.yaml", "ignore: [DD1\nseverity: {\n");
  try {
    load_config(p);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find(".drydock.yaml"), std::string::npos) << m;
    EXPECT_NE(m.find("malformed YAML"), std::string::npos) << m;
  }
}

// The stream on which yaml-cpp 0.7 never finishes (see tests/k8s): a config
// file goes through the same guarded loader and is refused with its line.
TEST(Config, YamlCppEndlessDocumentsAreMalformedInput) {
  TempDir d;
  std::ifstream in(std::string(DRYDOCK_SOURCE_DIR) + "/tests/k8s/yaml-cpp-loop.yaml.txt", std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_FALSE(text.empty());
  auto p = d.write(".drydock.yaml", text);
  try {
    load_config(p);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_EQ(m.rfind(p.string() + ":2:", 0), 0u) << m;
    EXPECT_NE(m.find("malformed YAML"), std::string::npos) << m;
  }
}

TEST(Config, WrongTypesAreInputErrors) {
  TempDir d;
  EXPECT_THROW(load_config(d.write("a/.drydock.yaml", "ignore: {a: b}\n")), InputError);
  EXPECT_THROW(load_config(d.write("b/.drydock.yaml", "severity: {DD9901: fatal}\n")), InputError);
  EXPECT_THROW(load_config(d.write("c/.drydock.yaml", "- just\n- a list\n")), InputError);
  EXPECT_THROW(load_config(d.write("d/.drydock.yaml", "thresholds: {max_image_age_days: soon}\n")), InputError);
  EXPECT_THROW(load_config(d.write("e/.drydock.yaml", "platform: linux/a b\n")), InputError);
  EXPECT_THROW(load_config(d.write("f/.drydock.yaml", "local_images: maybe\n")), InputError);
}

// The local image check: `local_images:` and the build's `platform:`.
TEST(Config, LocalImagesAndPlatform) {
  TempDir d;
  Config c = load_config(d.write(".drydock.yaml", "local_images: true\nplatform: linux/arm64,linux/arm/v6\n"));
  EXPECT_TRUE(c.local_images);
  ASSERT_EQ(c.platforms.size(), 2u);
  EXPECT_EQ(c.platforms[0].str(), "linux/arm64");
  EXPECT_EQ(c.platforms[1].str(), "linux/arm/v6");
  EXPECT_EQ(c.images, nullptr) << "the command line attaches the engine";
}

// The label schema, from both files and from --require-label specs.
TEST(Config, LabelSchemaFromEitherFile) {
  TempDir d;
  Config c = load_config(d.write("a/.drydock.yaml", "label_schema:\n  maintainer: email\n  org.opencontainers.image.version: semver\n"
                                                    "strict_labels: true\n"));
  EXPECT_EQ(c.label_schema, (std::map<std::string, std::string>{{"maintainer", "email"},
                                                                  {"org.opencontainers.image.version", "semver"}}));
  EXPECT_TRUE(c.strict_labels);
  Config h = load_config(d.write("b/.hadolint.yaml", "label-schema:\n  author: text\n  url: url\nstrict-labels: false\n"));
  EXPECT_EQ(h.label_schema.size(), 2u);
  EXPECT_EQ(h.label_schema["url"], "url");
  EXPECT_FALSE(h.strict_labels);
  add_required_label(h, "created:rfc3339", "--require-label");
  add_required_label(h, "owner", "--require-label");
  EXPECT_EQ(h.label_schema["created"], "rfc3339");
  EXPECT_EQ(h.label_schema["owner"], "text");
  EXPECT_THROW(add_required_label(h, "x:date", "--require-label"), InputError);
  EXPECT_THROW(load_config(d.write("c/.drydock.yaml", "label_schema:\n  x: timestamp\n")), InputError);
  EXPECT_THROW(load_config(d.write("d/.drydock.yaml", "label_schema: [a, b]\n")), InputError);
  EXPECT_THROW(load_config(d.write("e/.drydock.yaml", "strict_labels: maybe\n")), InputError);
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

TEST(ConfigSections, DomainSectionsLoadAndTopLevelKeysStillWork) {
  TempDir d;
  auto p = d.write(".drydock.yaml",
                   "trusted_registries: [old.example.com]\n"
                   "shellcheck: false\n"
                   "thresholds:\n  max_image_age_days: 30\n"
                   "dockerfile:\n  trusted_registries: [registry.example.com]\n  shellcheck: true\n"
                   "  platform: linux/arm64\n"
                   "image:\n  max_size_mb: 200\n");
  Config c = load_config(p);
  // Each domain's section is a view of the same settings.
  const DockerfileSettings& df = c.dockerfile();
  ASSERT_EQ(df.trusted_registries.size(), 1u);
  EXPECT_EQ(df.trusted_registries[0], "registry.example.com");  // the section wins
  EXPECT_TRUE(df.shellcheck);
  EXPECT_TRUE(c.shellcheck);
  ASSERT_EQ(df.platforms.size(), 1u);
  EXPECT_EQ(c.image().max_image_age_days, 30);                      // top-level thresholds kept
  EXPECT_EQ(c.image().max_image_size_bytes, 200ull * 1024 * 1024);  // image section
}

TEST(ConfigSections, ASectionThatIsNotAMapIsAnInputError) {
  TempDir d;
  auto p = d.write(".drydock.yaml", "k8s: [1, 2]\n");
  try {
    load_config(p);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'k8s' must be a map"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(".drydock.yaml"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace dd::test
