// drydock image on real images built by the local engine, through the
// three sources: a docker save archive, an OCI layout made by skopeo, and
// docker://. The dirty image has every incident of the size, secrets and
// config analyzers; the clean one must give no warning.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "docker_images.h"
#include "helpers.h"

namespace dd::test {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// Secret values planted in the dirty image: none may appear in any output.
const char* kAwsKey = "AKIAZ7QW3ERT5YUI2OPA";
const char* kDbPassword = "Vq8rT2pLx9mZk4wQ";
const char* kGithub = "ghp_Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7A";
const char* kNpm = "npm_4f9KxQ2mZ7pL0aB8cD3eF6gH1jK5nR9sT2uV";
const char* kKeyBody = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";

const std::string kDirtyDockerfile =
    "FROM drydock-test/debian:bookworm\n"
    "ARG NPM_TOKEN=" + std::string(kNpm) + "\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev\n"
    "RUN head -c 60000000 /dev/urandom > /opt/big.bin\n"
    "RUN rm /opt/big.bin\n"
    "COPY app.env /app/.env\n"
    "COPY id_rsa /root/.ssh/id_rsa\n"
    "RUN rm /root/.ssh/id_rsa\n"
    "ENV API_TOKEN=" + std::string(kGithub) + "\n"
    "EXPOSE 8080\n"
    "CMD [\"sleep\", \"infinity\"]\n";

struct Images {
  std::string dirty, clean;
  fs::path dir;  // build folders and archives, kept for the whole run
  ~Images() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

const Images& images() {
  static Images im = [] {
    Images r;
    if (!engine_available() || debian_image().empty() || busybox_image().empty()) return r;
    r.dir = fs::temp_directory_path() / ("drydock-image-test-" + std::to_string(::getpid()));
    fs::create_directories(r.dir / "dirty");
    fs::create_directories(r.dir / "clean");
    auto w = [](const fs::path& p, const std::string& s) {
      std::ofstream o(p, std::ios::binary);
      o << s;
    };
    w(r.dir / "dirty" / "Dockerfile", kDirtyDockerfile);
    w(r.dir / "dirty" / "app.env",
      std::string("DB_HOST=db\nDB_PASSWORD=") + kDbPassword + "\nAWS_ACCESS_KEY_ID=" + kAwsKey + "\n");
    w(r.dir / "dirty" / "id_rsa", std::string("-----BEGIN OPENSSH PRIVATE KEY-----\n") + kKeyBody +
                                      "\n-----END OPENSSH PRIVATE KEY-----\n");
    if (docker_build(r.dir / "dirty", "drydock-test/image-dirty:1", {"--network", "host"})) r.dirty = "drydock-test/image-dirty:1";
    w(r.dir / "clean" / "Dockerfile",
      "FROM " + busybox_image() + "\nCOPY hello /hello\nUSER 65534\nCMD [\"sleep\", \"3600\"]\n");
    w(r.dir / "clean" / "hello", "hello\n");
    if (docker_build(r.dir / "clean", "drydock-test/image-clean:1")) r.clean = "drydock-test/image-clean:1";
    return r;
  }();
  return im;
}

// The image as each of the three sources.
std::vector<std::string> sources(const std::string& tag, const std::string& name) {
  const Images& im = images();
  fs::path tar = im.dir / (name + ".tar");
  fs::path oci = im.dir / (name + "-oci");
  std::vector<std::string> out;
  if (!fs::exists(tar) && docker({"save", "-o", tar.string(), tag}).status != 0) return out;
  out.push_back(tar.string());
  if (!fs::exists(oci) &&
      run({"skopeo", "copy", "-q", "docker-archive:" + tar.string(), "oci:" + oci.string() + ":latest"}).status != 0)
    ADD_FAILURE() << "skopeo copy failed";
  else
    out.push_back(oci.string());
  out.push_back("docker://" + tag);
  return out;
}

std::vector<json> with_rule(const json& j, const std::string& rule) {
  std::vector<json> out;
  for (auto& f : j["findings"])
    if (f["rule"] == rule) out.push_back(f);
  return out;
}

void no_secret_in(const std::string& text, const std::string& what) {
  for (const char* s : {kAwsKey, kDbPassword, kGithub, kNpm, kKeyBody})
    EXPECT_EQ(text.find(s), std::string::npos) << what << " shows a secret value";
}

TEST(ImageReal, DirtyImageThroughEverySource) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const Images& im = images();
  ASSERT_FALSE(im.dirty.empty()) << "could not build the dirty image";
  for (const auto& src : sources(im.dirty, "dirty")) {
    SCOPED_TRACE(src);
    auto r = drydock({"image", src, "--format", "json", "--dockerfile", (im.dir / "dirty" / "Dockerfile").string()});
    ASSERT_EQ(r.status, 1) << r.err;
    no_secret_in(r.out, "json");
    json j = json::parse(r.out);
    ASSERT_EQ(j["layers"].size(), 7u);
    EXPECT_GT(j["totals"]["wasted_bytes"].get<uint64_t>(), 60'000'000u);

    // The 60 MB file, deleted in a later layer, named by its Dockerfile line.
    json big;
    for (auto& f : with_rule(j, "DD4401"))
      if (f["location"].value("path", "") == "/opt/big.bin") big = f;
    ASSERT_TRUE(big.is_object()) << j["findings"].dump();
    EXPECT_NE(big["message"].get<std::string>().find("line 4 `RUN head -c 60000000"), std::string::npos) << big["message"];
    EXPECT_EQ(big["location"]["line"], 4);
    EXPECT_EQ(big["category"], "image-bloat");

    // Caches of line 3 and its compilers.
    bool apt_cache = false;
    for (auto& f : with_rule(j, "DD4402"))
      if (f["message"].get<std::string>().find("line 3") != std::string::npos) apt_cache = true;
    EXPECT_TRUE(apt_cache);
    auto tools = with_rule(j, "DD4403");
    ASSERT_EQ(tools.size(), 1u);
    // From the dpkg inventory: the compiler and make packages, the -dev
    // packages, the layer of line 3, and a multi-stage proposal on the
    // image's own base with its package manager.
    const std::string tmsg = tools[0]["message"];
    for (const char* w : {"gcc-12", "make", "-dev packages", "libc6-dev", "line 3 `RUN apt-get update"})
      EXPECT_NE(tmsg.find(w), std::string::npos) << w << " in " << tmsg;
    EXPECT_EQ(tmsg.find("gcc-12-base"), std::string::npos) << tmsg;  // a runtime part of every Debian
    EXPECT_EQ(tools[0]["location"]["path"], "/var/lib/dpkg/status");
    const std::string tfix = tools[0]["fix"];
    EXPECT_EQ(tfix.rfind("FROM debian:12 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends ", 0), 0u)
        << tfix;
    for (const char* w : {" gcc ", " make ", " libc6-dev "}) EXPECT_NE(tfix.find(w), std::string::npos) << w << " in " << tfix;
    EXPECT_NE(tfix.find("COPY --from=build"), std::string::npos) << tfix;
    // The base, from /etc/os-release (debootstrap leaves no label or history), is current.
    EXPECT_EQ(j["image"]["base"], "debian:12");
    EXPECT_TRUE(with_rule(j, "DD4305").empty());
    // Debian licences from /usr/share/doc/PKG/copyright (DEP-5).
    std::map<std::string, std::string> lic;
    for (auto& p : j["packages"])
      if (p["type"] == "deb") lic[p["name"]] = p["license"];
    EXPECT_EQ(lic["make"], "GPL-3+");
    EXPECT_NE(lic["bash"].find("GPL-3+"), std::string::npos) << lic["bash"];
    EXPECT_EQ(lic["libc6"], "");  // a free-form copyright file: not guessed

    // Secrets: the .env (kept) and the key (deleted later), redacted.
    auto files = with_rule(j, "DD4201");
    bool env_aws = false, env_pw = false, key_deleted = false;
    for (auto& f : files) {
      std::string path = f["location"]["path"];
      std::string msg = f["message"];
      EXPECT_EQ(f["category"], "secret-leak");
      EXPECT_FALSE(f["location"]["layer"].get<std::string>().empty());
      if (path == "/app/.env" && msg.find("AWS access key") != std::string::npos) env_aws = true;
      if (path == "/app/.env" && f["evidence"].get<std::string>().find("*") != std::string::npos &&
          msg.find("assignment") != std::string::npos)
        env_pw = true;
      if (path == "/root/.ssh/id_rsa" && msg.find("deleted by a later layer") != std::string::npos) key_deleted = true;
    }
    EXPECT_TRUE(env_aws);
    EXPECT_TRUE(env_pw);
    EXPECT_TRUE(key_deleted);
    // ENV and ARG.
    bool env = false, arg = false;
    for (auto& f : with_rule(j, "DD4202")) {
      std::string field = f["location"].value("field", "");
      if (field == "Config.Env.API_TOKEN") env = true;
      if (f["message"].get<std::string>().find("build argument NPM_TOKEN") != std::string::npos) arg = true;
    }
    EXPECT_TRUE(env);
    EXPECT_TRUE(arg);
    // Config.
    EXPECT_EQ(with_rule(j, "DD4301").size(), 1u);
    EXPECT_EQ(with_rule(j, "DD4302").size(), 1u);
  }
}

TEST(ImageReal, NoSecretValueInAnyFormat) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const Images& im = images();
  ASSERT_FALSE(im.dirty.empty());
  auto srcs = sources(im.dirty, "dirty");
  ASSERT_FALSE(srcs.empty());
  for (const char* fmt : {"text", "json", "sarif", "gnu", "codeclimate", "checkstyle", "sonarqube"}) {
    auto r = drydock({"image", srcs[0], "--format", fmt});
    EXPECT_EQ(r.status, 1) << fmt << ": " << r.err;
    EXPECT_FALSE(r.out.empty()) << fmt;
    no_secret_in(r.out + r.err, fmt);
  }
  fs::path html = im.dir / "dirty.html";
  auto r = drydock({"image", srcs[0], "--html", html.string(), "--format", "json"});
  EXPECT_EQ(r.status, 1);
  no_secret_in(read_text(html), "html");
}

TEST(ImageReal, CleanImageGivesNoWarning) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const Images& im = images();
  ASSERT_FALSE(im.clean.empty()) << "could not build the clean image";
  for (const auto& src : sources(im.clean, "clean")) {
    auto r = drydock({"image", src, "--format", "json", "--fail-on", "info"});
    EXPECT_EQ(r.status, 0) << src << "\n" << r.out << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["findings"].size(), 0u) << src << ": " << j["findings"].dump();
    EXPECT_GE(j["layers"].size(), 2u);
  }
}

TEST(ImageReal, HtmlReportRendersInChromium) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  if (run({"sh", "-c", "command -v chromium"}).status != 0) GTEST_SKIP() << "chromium is not installed";
  const Images& im = images();
  ASSERT_FALSE(im.dirty.empty());
  auto srcs = sources(im.dirty, "dirty");
  fs::path html = im.dir / "render.html";
  auto r = drydock({"image", srcs[0], "--html", html.string(), "--dockerfile", (im.dir / "dirty" / "Dockerfile").string()});
  ASSERT_EQ(r.status, 1) << r.err;
  std::string page = read_text(html);
  EXPECT_EQ(page.find("http://"), std::string::npos);  // self-contained: no external resource
  EXPECT_EQ(page.find("https://"), std::string::npos);
  auto dom = run({"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
                  "--dump-dom", "file://" + html.string()});
  ASSERT_EQ(dom.status, 0) << dom.err;
  // Rows exist only after the script ran: the root and its children.
  EXPECT_NE(dom.out.find("class=\"row\""), std::string::npos);
  EXPECT_NE(dom.out.find("data-path=\"usr\""), std::string::npos);
  EXPECT_NE(dom.out.find("class=\"bar\""), std::string::npos);
  EXPECT_NE(dom.out.find("DD4401"), std::string::npos);
  fs::path png = im.dir / "render.png";
  auto shot = run({"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
                   "--screenshot=" + png.string(), "--window-size=1200,1400", "file://" + html.string()});
  EXPECT_EQ(shot.status, 0) << shot.err;
  EXPECT_GT(fs::file_size(png), 10000u);
}

TEST(ImageReal, DiffNamesTheGrowth) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const Images& im = images();
  ASSERT_FALSE(im.dirty.empty());
  auto r = drydock({"image", "diff", "docker://" + debian_image(), "docker://" + im.dirty, "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  json j = json::parse(r.out)["diff"];
  EXPECT_GT(j["size"]["delta"].get<int64_t>(), 100'000'000);
  EXPECT_EQ(j["layers"]["shared"].size(), 1u);
  EXPECT_EQ(j["layers"]["only_b"].size(), 6u);
  bool gcc = false;
  for (auto& f : j["files"]["added"])
    if (f["path"] == "/usr/bin/gcc-12" || f["path"] == "/usr/bin/gcc") gcc = true;
  EXPECT_TRUE(gcc || j["files"]["counts"]["added"].get<int>() > 200);
  no_secret_in(r.out, "diff");
  auto t = drydock({"image", "diff", "docker://" + debian_image(), "docker://" + im.dirty});
  EXPECT_NE(t.out.find("/usr/lib"), std::string::npos) << t.out;
}

// docker:// reads the engine's export once, as it comes, with no copy on
// disk: it works where no temporary file can be made (TMPDIR names no
// folder) and gives what the docker save archive of the same image gives.
TEST(ImageReal, EngineExportIsReadOnceWithoutACopy) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const Images& im = images();
  ASSERT_FALSE(im.dirty.empty());
  auto srcs = sources(im.dirty, "dirty");
  ASSERT_FALSE(srcs.empty());
  auto file = drydock({"image", srcs[0], "--format", "json"});
  auto streamed = drydock({"image", "docker://" + im.dirty, "--format", "json"}, {"TMPDIR=/nonexistent/drydock-no-tmp"});
  ASSERT_EQ(streamed.status, file.status) << streamed.err;
  json a = json::parse(file.out), b = json::parse(streamed.out);
  ASSERT_EQ(a["layers"].size(), b["layers"].size());
  EXPECT_EQ(a["layers"], b["layers"]);
  EXPECT_EQ(a["totals"], b["totals"]);
  EXPECT_EQ(a["packages"].size(), b["packages"].size());
  ASSERT_EQ(a["findings"].size(), b["findings"].size());
  for (size_t i = 0; i < a["findings"].size(); ++i) {
    EXPECT_EQ(a["findings"][i]["rule"], b["findings"][i]["rule"]);
    EXPECT_EQ(a["findings"][i]["message"], b["findings"][i]["message"]);
    EXPECT_EQ(a["findings"][i]["location"].value("path", ""), b["findings"][i]["location"].value("path", ""));
  }
}

// A layer that is in the image twice (the same COPY again: the same
// diff_id) is written once by docker save, the second copy a symlink to
// the first, which may come after it in the archive. Every source reads it.
TEST(ImageReal, LayerInTheImageTwice) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  TempDir d;
  {
    std::ofstream(d.path() / "Dockerfile") << "FROM " << busybox_image()
                                           << "\nCOPY f /f\nRUN echo hi > /x\nCOPY f /f\nUSER 65534\nCMD [\"sleep\", \"1\"]\n";
    std::ofstream(d.path() / "f") << "data\n";
  }
  ASSERT_TRUE(docker_build(d.path(), "drydock-test/image-dup-layer:1"));
  TempDir out;
  std::vector<std::string> srcs = {"docker://drydock-test/image-dup-layer:1"};
  fs::path tar = out.path() / "dup.tar";
  ASSERT_EQ(docker({"save", "-o", tar.string(), "drydock-test/image-dup-layer:1"}).status, 0);
  srcs.push_back(tar.string());
  auto listing = run({"tar", "tvf", tar.string()});
  EXPECT_NE(listing.out.find("layer.tar -> ../"), std::string::npos) << "docker save wrote no linked layer:\n" << listing.out;
  if (run({"skopeo", "copy", "-q", "docker-archive:" + tar.string(), "oci:" + (out.path() / "oci").string() + ":latest"}).status == 0)
    srcs.push_back((out.path() / "oci").string());
  for (const auto& src : srcs) {
    SCOPED_TRACE(src);
    auto r = drydock({"image", src, "--format", "json"});
    ASSERT_EQ(r.status, 0) << r.err << r.out;
    json j = json::parse(r.out);
    const size_t base = j["layers"].size() - 3;
    ASSERT_GE(j["layers"].size(), 4u);
    EXPECT_EQ(j["layers"][base]["diff_id"], j["layers"][base + 2]["diff_id"]);
    EXPECT_EQ(j["layers"][base + 2]["files"], 1);
    EXPECT_TRUE(j["findings"].empty()) << j["findings"].dump();
  }
}

TEST(ImageReal, BadSourcesExitTwoWithOneLine) {
  TempDir d;
  auto junk = d.write("junk.tar", std::string(2048, 'j'));
  for (auto src : {junk.string(), (d.path() / "missing.tar").string(), std::string("docker://drydock-test/no-such-image:0")}) {
    auto r = drydock({"image", src});
    EXPECT_EQ(r.status, 2) << src << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

TEST(ImageReal, ScanWithImageMergesTheSameIncident) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const Images& im = images();
  ASSERT_FALSE(im.dirty.empty());
  auto srcs = sources(im.dirty, "dirty");
  auto r = drydock({"scan", (im.dir / "dirty").string(), "--image", srcs[0], "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err;
  no_secret_in(r.out, "scan json");
  json j = json::parse(r.out);
  int root = 0, health = 0, image_files = 0;
  for (auto& f : j["findings"]) {
    if (f["category"] == "runs-as-root") {
      ++root;
      EXPECT_NE(f["message"].get<std::string>().find("confirmed in the image"), std::string::npos);
    }
    if (f["category"] == "no-healthcheck") ++health;
    if (f["rule"] == "DD4201") {
      ++image_files;
      EXPECT_EQ(f["location"]["line"], 6) << f.dump();  // COPY app.env on line 6
    }
  }
  EXPECT_EQ(root, 1);
  EXPECT_EQ(health, 1);
  EXPECT_EQ(image_files, 2);  // the .env's two secrets; the key merged into the COPY finding
  // The ENV and ARG secrets the Dockerfile sets are the values the image's
  // Env and history carry: one finding each, on the Dockerfile line. The
  // build tools of line 3 are one finding too.
  std::map<std::string, int> count;
  for (auto& f : j["findings"]) {
    ++count[f["rule"].get<std::string>()];
    if (f["rule"] == "DD2030" || f["rule"] == "DD2020") {
      EXPECT_NE(f["message"].get<std::string>().find("confirmed in the image"), std::string::npos) << f.dump();
    }
  }
  EXPECT_EQ(count["DD4202"], 0) << r.out;
  EXPECT_EQ(count["DD2030"], 2);
  EXPECT_EQ(count["DD4403"], 0);
  EXPECT_EQ(count["DD2020"], 1);
  EXPECT_TRUE(j.contains("image"));
  EXPECT_EQ(j["image"]["layers"].size(), 7u);
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// The base image named by the image itself (its OCI base label, or the OS
// its /etc/os-release says), and its end of life: DD4305, through the three
// sources.
TEST(ImageReal, EndOfLifeBaseFromLabelsAndOsRelease) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string busybox = busybox_image();
  ASSERT_FALSE(busybox.empty());
  TempDir dir;
  dir.write("os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.16.9\n");
  dir.write("Dockerfile", "FROM " + busybox + "\nCOPY os-release /usr/lib/os-release\nRUN ln -s ../usr/lib/os-release /etc/os-release\nUSER 65534\n");
  ASSERT_TRUE(docker_build(dir.path(), "drydock-test/image-eol-os:1"));
  TempDir dir2;
  dir2.write("Dockerfile", "FROM " + busybox + "\nLABEL org.opencontainers.image.base.name=docker.io/library/node:16-alpine\nUSER 65534\n");
  ASSERT_TRUE(docker_build(dir2.path(), "drydock-test/image-eol-label:1"));
  struct Want {
    std::string tag, base, what;
  };
  for (const Want& w : {Want{"drydock-test/image-eol-os:1", "alpine:3.16.9", "alpine 3.16.9 (its /etc/os-release)"},
                        Want{"drydock-test/image-eol-label:1", "docker.io/library/node:16-alpine",
                             "(label org.opencontainers.image.base.name)"}}) {
    TempDir out;
    std::vector<std::string> srcs = {"docker://" + w.tag};
    auto tar = out.path() / "i.tar";
    ASSERT_EQ(docker({"save", "-o", tar.string(), w.tag}).status, 0);
    srcs.push_back(tar.string());
    if (run({"skopeo", "copy", "-q", "docker-archive:" + tar.string(), "oci:" + (out.path() / "oci").string() + ":latest"}).status == 0)
      srcs.push_back((out.path() / "oci").string());
    for (const auto& src : srcs) {
      SCOPED_TRACE(src);
      auto r = drydock({"image", src, "--format", "json", "--fail-on", "warning"});
      ASSERT_EQ(r.status, 1) << r.out << r.err;
      json j = json::parse(r.out);
      EXPECT_EQ(j["image"]["base"], w.base);
      auto eol = with_rule(j, "DD4305");
      ASSERT_EQ(eol.size(), 1u) << j["findings"].dump();
      EXPECT_EQ(eol[0]["category"], "stale-image");
      EXPECT_NE(eol[0]["message"].get<std::string>().find(w.what), std::string::npos) << eol[0]["message"];
      EXPECT_NE(eol[0]["fix"].get<std::string>().find("FROM "), std::string::npos) << eol[0]["fix"];
    }
  }
  docker({"rmi", "-f", "drydock-test/image-eol-os:1", "drydock-test/image-eol-label:1"});
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// Credential files a build leaves in a home folder: each is a DD4201 with
// the rule that knows its format, and only the redacted value is shown.
TEST(ImageReal, CredentialFilesInHomeFolders) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string busybox = busybox_image();
  ASSERT_FALSE(busybox.empty());
  const std::string netrc_pw = "Zq8rT2pLx9mZk4wQ", pg_pw = "Vb4nM8qWx2LkP7sD", git_pw = "Hq7wPz3kLm2xR5tY";
  const std::string auth = "ZGVwbG95OlhrOXBUMnFMN3ZNNHdSOA==";  // deploy:Xk9pT2qL7vM4wR8
  TempDir dir;
  dir.write("netrc", "machine git.internal.example\n  login deploy\n  password " + netrc_pw + "\n");
  dir.write("pgpass", "db.internal:5432:app:app:" + pg_pw + "\n");
  dir.write("git-credentials", "https://deploy:" + git_pw + "@git.internal.example\n");
  dir.write("config.json", "{\"auths\":{\"registry.internal.example\":{\"auth\":\"" + auth + "\"}}}\n");
  dir.write("Dockerfile", "FROM " + busybox +
                              "\nCOPY netrc /root/.netrc\nCOPY pgpass /root/.pgpass\n"
                              "COPY git-credentials /root/.git-credentials\nCOPY config.json /root/.docker/config.json\n"
                              "USER 65534\n");
  const std::string tag = "drydock-test/image-credfiles:1";
  ASSERT_TRUE(docker_build(dir.path(), tag));
  TempDir out;
  auto tar = out.path() / "i.tar";
  ASSERT_EQ(docker({"save", "-o", tar.string(), tag}).status, 0);
  for (const std::string& src : {tar.string(), "docker://" + tag}) {
    SCOPED_TRACE(src);
    auto r = drydock({"image", src, "--format", "json"});
    ASSERT_EQ(r.status, 1) << r.err;
    for (const auto& v : {netrc_pw, pg_pw, git_pw, auth}) EXPECT_EQ(r.out.find(v), std::string::npos) << "value shown";
    std::map<std::string, std::string> rule_at;
    for (auto& f : with_rule(json::parse(r.out), "DD4201")) {
      std::string msg = f["message"];
      rule_at[f["location"]["path"]] += msg + ";";
    }
    EXPECT_NE(rule_at["/root/.netrc"].find("password in .netrc"), std::string::npos) << rule_at["/root/.netrc"];
    EXPECT_NE(rule_at["/root/.pgpass"].find("password in .pgpass"), std::string::npos) << rule_at["/root/.pgpass"];
    EXPECT_NE(rule_at["/root/.git-credentials"].find("password in URL"), std::string::npos) << rule_at["/root/.git-credentials"];
    EXPECT_NE(rule_at["/root/.docker/config.json"].find("docker config.json"), std::string::npos)
        << rule_at["/root/.docker/config.json"];
    auto text = drydock({"image", src});
    for (const auto& v : {netrc_pw, pg_pw, git_pw, auth}) EXPECT_EQ(text.out.find(v), std::string::npos) << "value shown";
  }
  docker({"rmi", "-f", tag});
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// DD4305 from the runtime version variables the official images set in Env:
// a company base over python:3.8 says so nowhere else. Supported versions
// (Node 22, Temurin 21) give nothing.
TEST(ImageReal, EndOfLifeRuntimeFromEnv) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string busybox = busybox_image();
  ASSERT_FALSE(busybox.empty());
  TempDir dir;
  dir.write("Dockerfile", "FROM " + busybox +
                              "\nENV PYTHON_VERSION=3.8.18 GOLANG_VERSION=1.20.14 NODE_VERSION=22.11.0"
                              " JAVA_VERSION=jdk-21.0.5+11 MY_PYTHON_VERSION=2.7\nUSER 65534\n");
  ASSERT_TRUE(docker_build(dir.path(), "drydock-test/image-eol-env:1"));
  TempDir dir2;
  dir2.write("Dockerfile", "FROM " + busybox + "\nENV JAVA_VERSION=jdk8u432-b06 PHP_VERSION=8.3.14 RUBY_VERSION=3.3.6\nUSER 65534\n");
  ASSERT_TRUE(docker_build(dir2.path(), "drydock-test/image-eol-env-ok:1"));
  auto r = drydock({"image", "docker://drydock-test/image-eol-env:1", "--format", "json", "--fail-on", "warning"});
  ASSERT_EQ(r.status, 1) << r.out << r.err;
  json j = json::parse(r.out);
  auto eol = with_rule(j, "DD4305");
  ASSERT_EQ(eol.size(), 2u) << j["findings"].dump();
  std::vector<std::string> msgs;
  for (auto& f : eol) {
    EXPECT_EQ(f["category"], "stale-image");
    EXPECT_NE(f["fix"].get<std::string>().find("FROM "), std::string::npos) << f["fix"];
    msgs.push_back(f["message"]);
  }
  std::sort(msgs.begin(), msgs.end());
  EXPECT_NE(msgs[0].find("GOLANG_VERSION=1.20.14"), std::string::npos) << msgs[0];
  EXPECT_NE(msgs[0].find("Go 1.20"), std::string::npos) << msgs[0];
  EXPECT_NE(msgs[1].find("PYTHON_VERSION=3.8.18"), std::string::npos) << msgs[1];
  EXPECT_NE(msgs[1].find("Python 3.8"), std::string::npos) << msgs[1];
  auto ok = drydock({"image", "docker://drydock-test/image-eol-env-ok:1", "--format", "json", "--fail-on", "none"});
  ASSERT_EQ(ok.status, 0) << ok.out << ok.err;
  json k = json::parse(ok.out);
  // Temurin 8 has no end-of-life row yet; PHP 8.3 and Ruby 3.3 are supported in 2026.
  EXPECT_TRUE(with_rule(k, "DD4305").empty()) << k["findings"].dump();
  docker({"rmi", "-f", "drydock-test/image-eol-env:1", "drydock-test/image-eol-env-ok:1"});
}

}  // namespace
}  // namespace dd::test
