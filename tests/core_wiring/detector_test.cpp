// Input kinds are registered detectors: registering one (and a scanner for
// its kind) is enough for `scan` to route a new kind of file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

#include "core/registrar.h"
#include "core/report.h"
#include "scan/scan.h"

namespace dd::test {
namespace {

namespace fs = std::filesystem;

const RuleInfo& kSeen = Registrar<Domain::metrics>::add("DD9963", "test-seen", Category::best_practice,
                                                        Severity::info, "A test input was scanned", "Test only.",
                                                        "Test only.");

// A kind recognised by content: files whose first line is "#!drydock-test".
bool is_test_input(const fs::path& p, std::string_view name) {
  if (!name.ends_with(".txt")) return false;
  std::ifstream in(p);
  std::string first;
  std::getline(in, first);
  return first == "#!drydock-test";
}

scan::DetectorRegistrar detector{{.kind = "drydock-test", .order = 50, .by_content = is_test_input}};
scan::ScannerRegistrar scanner{{"drydock-test", "drydock-test",
                                [](const scan::Input& in, const Config& config, std::vector<Finding>& out) {
                                  Report r(&config);
                                  Finding f;
                                  f.rule = kSeen.id;
                                  f.location.file = in.display;
                                  r.add(kSeen, f);
                                  out.insert(out.end(), r.findings().begin(), r.findings().end());
                                }}};

fs::path temp_project() {
  fs::path d = fs::temp_directory_path() / ("drydock-detector-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d / "svc");
  std::ofstream(d / "svc" / "Dockerfile") << "FROM debian:12\nCMD [\"true\"]\n";
  std::ofstream(d / "compose.yaml") << "services:\n  web:\n    image: nginx:1.27\n";
  std::ofstream(d / "deploy.yaml") << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
  std::ofstream(d / "notes.txt") << "#!drydock-test\nhello\n";
  std::ofstream(d / "other.txt") << "just text\n";
  return d;
}

TEST(Detectors, BuiltInKindsAreRegisteredDetectors) {
  std::set<std::string> kinds;
  for (const auto& d : scan::detectors()) kinds.insert(d.kind);
  EXPECT_TRUE(kinds.count("dockerfile"));
  EXPECT_TRUE(kinds.count("compose"));
  EXPECT_TRUE(kinds.count("k8s"));
}

TEST(Detectors, ARegisteredDetectorIsEnoughToRouteANewKind) {
  const fs::path d = temp_project();
  Config config;
  auto res = scan::run(d, config);
  std::map<std::string, std::string> kind_of;
  for (const auto& in : res.inputs) kind_of[in.display] = in.kind;
  EXPECT_EQ(kind_of["svc/Dockerfile"], "dockerfile");
  EXPECT_EQ(kind_of["compose.yaml"], "compose");
  EXPECT_EQ(kind_of["deploy.yaml"], "k8s");
  EXPECT_EQ(kind_of["notes.txt"], "drydock-test");
  EXPECT_EQ(kind_of.count("other.txt"), 0u);
  int seen = 0;
  for (const auto& f : res.findings)
    if (f.rule == "DD9963") {
      ++seen;
      EXPECT_EQ(f.location.file, "notes.txt");
    }
  EXPECT_EQ(seen, 1);
  // Dockerfiles keep their folder as build context; other kinds have none.
  for (const auto& in : res.inputs) {
    if (in.kind == "dockerfile") EXPECT_EQ(in.context, in.path.parent_path());
    else EXPECT_TRUE(in.context.empty()) << in.display;
  }
  fs::remove_all(d);
}

TEST(Detectors, DetectAsksNamesBeforeContent) {
  const fs::path d = temp_project();
  // A compose file that also has apiVersion/kind is compose: its name decides.
  std::ofstream(d / "docker-compose.yml") << "apiVersion: v1\nkind: Pod\nservices: {}\n";
  const scan::Detector* got = scan::detect(d / "docker-compose.yml");
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got->kind, "compose");
  EXPECT_EQ(scan::detect(d / "other.txt"), nullptr);
  fs::remove_all(d);
}

}  // namespace
}  // namespace dd::test
