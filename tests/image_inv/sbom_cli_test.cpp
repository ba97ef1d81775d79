// drydock sbom through the binary, on a real image.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "docker_images.h"
#include "inv_util.h"

namespace {

using dd::test::RunResult;
using dd::test::TempDir;

std::string langs_image(const TempDir& ctx) {
  std::string bb = dd::test::busybox_image();
  if (bb.empty()) return "";
  namespace fs = std::filesystem;
  fs::create_directories(ctx.path() / "site");
  fs::copy("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info", ctx.path() / "site/PyYAML-6.0.dist-info",
           fs::copy_options::recursive);
  fs::create_directories(ctx.path() / "nm");
  fs::copy("/usr/share/nodejs/spdx-license-ids", ctx.path() / "nm/spdx-license-ids", fs::copy_options::recursive);
  ctx.write("Dockerfile", "FROM " + bb + "\nCOPY site /usr/lib/python3.11/site-packages\nCOPY nm /app/node_modules\n");
  const std::string tag = "drydock-test/inv-sbom:1";
  return dd::test::docker_build(ctx.path(), tag) ? tag : "";
}

TEST(SbomCli, CycloneDxAndSpdxOfARealImage) {
  if (!dd::test::engine_available()) GTEST_SKIP() << dd::test::engine_skip_reason();
  TempDir ctx;
  std::string tag = langs_image(ctx);
  ASSERT_FALSE(tag.empty());
  TempDir tmp;
  std::string tar = (tmp.path() / "s.tar").string();
  ASSERT_EQ(dd::test::docker({"save", "-o", tar, tag}).status, 0);

  RunResult c = dd::test::drydock({"sbom", tar, "--format", "cyclonedx"});
  ASSERT_EQ(c.status, 0) << c.err;
  auto j = nlohmann::json::parse(c.out);
  EXPECT_EQ(j["bomFormat"], "CycloneDX");
  EXPECT_EQ(j["specVersion"], "1.5");
  EXPECT_TRUE(std::regex_match(j["serialNumber"].get<std::string>(),
                               std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  std::set<std::string> purls, refs;
  for (const auto& comp : j["components"]) {
    EXPECT_EQ(comp["type"], "library");
    EXPECT_TRUE(refs.insert(comp["bom-ref"].get<std::string>()).second) << comp["bom-ref"];
    purls.insert(comp.value("purl", ""));
  }
  EXPECT_TRUE(purls.count("pkg:pypi/pyyaml@6.0"));
  EXPECT_EQ(purls.count("pkg:npm/spdx-license-ids@3.0.12") + purls.count("pkg:npm/spdx-license-ids@3.0.13"), 1u);

  RunResult s = dd::test::drydock({"sbom", tar, "--format", "spdx"});
  ASSERT_EQ(s.status, 0) << s.err;
  auto d = nlohmann::json::parse(s.out);
  EXPECT_EQ(d["spdxVersion"], "SPDX-2.3");
  EXPECT_EQ(d["SPDXID"], "SPDXRef-DOCUMENT");
  std::set<std::string> ids;
  for (const auto& p : d["packages"]) {
    std::string id = p["SPDXID"];
    EXPECT_TRUE(std::regex_match(id, std::regex("SPDXRef-[A-Za-z0-9.-]+"))) << id;
    EXPECT_TRUE(ids.insert(id).second);
    EXPECT_TRUE(p.contains("downloadLocation"));
  }
  for (const auto& r : d["relationships"]) {
    std::string a = r["spdxElementId"], b = r["relatedSpdxElement"];
    EXPECT_TRUE(a == "SPDXRef-DOCUMENT" || ids.count(a)) << a;
    EXPECT_TRUE(ids.count(b)) << b;
  }
  EXPECT_EQ(d["packages"].size(), j["components"].size() + 1);

  // Bad input: exit 2, one line naming the file.
  RunResult bad = dd::test::drydock({"sbom", (tmp.path() / "missing.tar").string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("missing.tar"), std::string::npos);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1);
}

}  // namespace

namespace {

// `drydock image` through the binary: the binaries finding and the packages
// array of the JSON report, on a Debian image with a program whose library
// was left behind.
TEST(ImageCli, MissingLibraryAndPackagesInTheJsonReport) {
  if (!dd::test::engine_available()) GTEST_SKIP() << dd::test::engine_skip_reason();
  std::string deb = dd::test::debian_image();
  ASSERT_FALSE(deb.empty());
  TempDir ctx;
  using dd::test::inv::cc;
  ASSERT_TRUE(cc("int inv_cli(void){return 0;}", ctx.path() / "libcli.so", {"-shared", "-fPIC", "-Wl,-soname,libcli.so.2"}));
  ASSERT_TRUE(cc("int inv_cli(void); int main(void){return inv_cli();}", ctx.path() / "tool", {"-L" + ctx.path().string(), "-lcli"}));
  ctx.write("Dockerfile", "FROM " + deb + "\nCOPY tool /usr/local/bin/tool\nUSER 65534\nCMD [\"tool\"]\n");
  const std::string tag = "drydock-test/inv-cli-missing-lib:1";
  ASSERT_TRUE(dd::test::docker_build(ctx.path(), tag));
  RunResult r = dd::test::drydock({"image", "docker://" + tag, "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err;  // an error finding
  auto j = nlohmann::json::parse(r.out);
  int dd4103 = 0;
  for (const auto& f : j["findings"]) {
    std::string rule = f["rule"];
    if (rule.starts_with("DD41")) {
      EXPECT_EQ(rule, "DD4103");
      EXPECT_EQ(f["category"], "missing-dependency");
      EXPECT_EQ(f["severity"], "error");
      EXPECT_EQ(f["location"]["path"], "/usr/local/bin/tool");
      EXPECT_EQ(f["location"]["image"], tag);  // the image's name, as every image finding gives it
      EXPECT_NE(f["title"].get<std::string>().find("libcli.so.2"), std::string::npos);
      ++dd4103;
    }
  }
  EXPECT_EQ(dd4103, 1);
  bool libc6 = false;
  for (const auto& p : j["packages"])
    if (p["name"] == "libc6") {
      libc6 = true;
      EXPECT_EQ(p["type"], "deb");
      EXPECT_EQ(p["source_name"], "glibc");
      EXPECT_TRUE(p["purl"].get<std::string>().starts_with("pkg:deb/debian/libc6@")) << p["purl"];
      EXPECT_EQ(p["path"], "/var/lib/dpkg/status");
      EXPECT_EQ(p["layer"], 0);
    }
  EXPECT_TRUE(libc6);
}

}  // namespace
