// Findings about a package or a release carry it as structured properties
// (core/package_facts.h): package, version and, where known, the fixed or
// still-supported version, the same in JSON and SARIF. Pinned on the
// end-of-life verdict in lint (DD2072), compose (DD7007) and a built image
// (DD4305), and on the image's dpkg inventory (DD4403).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker_images.h"
#include "helpers.h"

namespace dd::test {
namespace {

using nlohmann::json;

json first_of(const RunResult& r, const std::string& rule) {
  auto j = json::parse(r.out, nullptr, false);
  if (!j.is_object()) return {};
  for (const auto& f : j["findings"])
    if (f.value("rule", "") == rule) return f;
  return {};
}

TEST(PackageFacts, EndOfLifeInLintAndComposeJsonAndSarif) {
  TempDir d;
  auto df = d.write("lint/Dockerfile", "FROM node:16\nCMD [\"node\", \"server.js\"]\n");
  json f = first_of(drydock({"lint", df.string(), "-f", "json", "--fail-on", "none"}), "DD2072");
  ASSERT_TRUE(f.is_object());
  ASSERT_TRUE(f.contains("properties")) << f.dump();
  EXPECT_EQ(f["properties"].value("package", ""), "node");
  EXPECT_EQ(f["properties"].value("version", ""), "16");
  const std::string fixed = f["properties"].value("fixed_version", "");
  EXPECT_FALSE(fixed.empty()) << f.dump();
  EXPECT_NE(f.value("fix", "").find(fixed), std::string::npos) << "the fix names the supported version";

  auto s = drydock({"lint", df.string(), "-f", "sarif", "--fail-on", "none"});
  auto sj = json::parse(s.out);
  bool seen = false;
  for (const auto& r : sj["runs"][0]["results"])
    if (r.value("ruleId", "") == "DD2072") {
      seen = true;
      EXPECT_EQ(r["properties"].value("package", ""), "node") << r.dump();
      EXPECT_EQ(r["properties"].value("version", ""), "16") << r.dump();
      EXPECT_EQ(r["properties"].value("fixed_version", ""), fixed) << r.dump();
    }
  EXPECT_TRUE(seen) << s.out.substr(0, 2000);

  d.write("compose/compose.yaml", "services:\n  web:\n    image: node:16\n");
  json c = first_of(drydock({"scan", (d.path() / "compose").string(), "-f", "json", "--fail-on", "none"}), "DD7007");
  ASSERT_TRUE(c.is_object());
  EXPECT_EQ(c["properties"], f["properties"]) << "one verdict, the same facts";

  // A supported base carries no end-of-life finding at all.
  auto ok = d.write("ok/Dockerfile", "FROM node:22-slim\nCMD [\"node\", \"server.js\"]\n");
  EXPECT_TRUE(first_of(drydock({"lint", ok.string(), "-f", "json", "--fail-on", "none"}), "DD2072").is_null());
}

// An image whose /etc/os-release is Debian 10 and whose dpkg database lists
// the compiler: DD4305 names the release, DD4403 the package and its version.
TEST(PackageFacts, ImageInventoryAndOsRelease) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  std::string base = busybox_image();
  ASSERT_FALSE(base.empty()) << "could not build the busybox test image";
  TempDir ctx;
  ctx.write("os-release", "PRETTY_NAME=\"Debian GNU/Linux 10 (buster)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"10\"\n"
                          "VERSION=\"10 (buster)\"\nVERSION_CODENAME=buster\nID=debian\n");
  ctx.write("status",
            "Package: gcc-8\nStatus: install ok installed\nPriority: optional\nSection: devel\nInstalled-Size: 18000\n"
            "Maintainer: Debian GCC Maintainers <debian-gcc@lists.debian.org>\nArchitecture: amd64\nSource: gcc-8\n"
            "Version: 8.3.0-6\nDescription: GNU C compiler\n\n"
            "Package: make\nStatus: install ok installed\nPriority: optional\nSection: devel\nInstalled-Size: 1200\n"
            "Maintainer: Debian Science Maintainers <debian-science-maintainers@lists.alioth.debian.org>\n"
            "Architecture: amd64\nVersion: 4.2.1-1.2\nDescription: utility for directing compilation\n\n");
  ctx.write("Dockerfile", "FROM " + base + "\nCOPY os-release /etc/os-release\nCOPY status /var/lib/dpkg/status\n"
                          "CMD [\"sh\"]\n");
  const std::string tag = "drydock-test/arch-facts:1";
  ASSERT_TRUE(docker_build(ctx.path(), tag));
  auto r = drydock({"image", "docker://" + tag, "-f", "json", "--fail-on", "none"});
  docker({"rmi", "-f", tag});
  json eol = first_of(r, "DD4305");
  ASSERT_TRUE(eol.is_object()) << r.out.substr(0, 3000);
  EXPECT_EQ(eol["properties"].value("package", ""), "debian") << eol.dump();
  EXPECT_EQ(eol["properties"].value("version", ""), "10") << eol.dump();
  json tools = first_of(r, "DD4403");
  ASSERT_TRUE(tools.is_object()) << r.out.substr(0, 3000);
  EXPECT_EQ(tools["properties"].value("package", ""), "gcc-8") << tools.dump();
  EXPECT_EQ(tools["properties"].value("version", ""), "8.3.0-6") << tools.dump();
  EXPECT_EQ(tools["properties"].value("ecosystem", ""), "deb") << tools.dump();
}

}  // namespace
}  // namespace dd::test
