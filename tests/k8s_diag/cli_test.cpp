// `drydock diagnose` on pods and `drydock envdiff`, through the binary.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "helpers/helpers.h"

namespace dd::test {
namespace {

std::string fixture(const std::string& name) { return (source_dir() / "tests/fixtures/k8s" / name).string(); }
bool contains(const std::string& h, const std::string& n) { return h.find(n) != std::string::npos; }
int lines_of(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(DiagnoseCli, PodJsonEventsAndLogsCombineAsJson) {
  auto r = drydock({"diagnose", fixture("crashloop-oom-pod.json"), "--events", fixture("crashloop-oom-events.json"),
                    "--logs", fixture("crashloop-oom.log"), "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["pods"].size(), 1u);
  EXPECT_EQ(j["pods"][0]["containers"][0]["last_state"]["reason"], "OOMKilled");
  EXPECT_EQ(j["pods"][0]["events"], 3);
  bool heap = false;
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD5202") {
      heap = true;
      EXPECT_EQ(f["location"]["resource"], "Pod/shop/orders-7d9f8b6c5-x2x9k");
      EXPECT_EQ(f["location"]["field"], "spec.containers[0].resources.limits.memory");
    }
  EXPECT_TRUE(heap) << r.out;
}

TEST(DiagnoseCli, SeveralPositionalFilesAndSarif) {
  auto r = drydock({"diagnose", fixture("crashloop-oom-describe.txt"), fixture("crashloop-oom-events.json"),
                    "--format", "sarif"});
  ASSERT_EQ(r.status, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], "2.1.0");
  EXPECT_FALSE(j["runs"][0]["results"].empty());
}

TEST(DiagnoseCli, PodThroughAStandInKubectl) {
  // No cluster runs here: a kubectl script replays recorded output.
  TempDir dir;
  std::string script = "#!/bin/sh\n"
                       "case \"$*\" in\n"
                       "  'get pod orders-7d9f8b6c5-x2x9k -o json -n shop') cat '" + fixture("crashloop-oom-pod.json") + "' ;;\n"
                       "  'get events --field-selector involvedObject.name=orders-7d9f8b6c5-x2x9k -o json -n shop') cat '" +
                       fixture("crashloop-oom-events.json") + "' ;;\n"
                       "  'logs orders-7d9f8b6c5-x2x9k -c orders --tail 200 --previous -n shop') cat '" +
                       fixture("crashloop-oom.log") + "' ;;\n"
                       "  *) echo \"Error from server (NotFound): $*\" >&2; exit 1 ;;\n"
                       "esac\n";
  auto kubectl = dir.write("bin/kubectl", script);
  ::chmod(kubectl.c_str(), 0755);
  std::string old = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
  ::setenv("PATH", ((dir.path() / "bin").string() + ":" + old).c_str(), 1);
  auto r = drydock({"diagnose", "pod/orders-7d9f8b6c5-x2x9k", "-n", "shop", "--format", "json"});
  auto missing = drydock({"diagnose", "pod/nope", "-n", "shop"});
  ::setenv("PATH", old.c_str(), 1);
  ASSERT_EQ(r.status, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["pods"][0]["events"], 3);
  bool heap = false, loop = false;
  for (const auto& f : j["findings"]) {
    heap |= f["rule"] == "DD5202";
    if (f["rule"] == "DD6500") loop = contains(f["evidence"].get<std::string>(), "BackOff (x27)");
  }
  EXPECT_TRUE(heap && loop) << r.out;
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(lines_of(missing.err), 1) << missing.err;
  EXPECT_TRUE(contains(missing.err, "pod/nope")) << missing.err;
}

TEST(DiagnoseCli, BadPodInputExitsTwoWithOneLine) {
  TempDir dir;
  for (auto [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"pod.json", "{\"kind\":\"Pod\",\"spec\":"}, {"pod.yaml", "kind: Pod\nspec: [\n"}, {"empty.txt", ""},
           {"notes.txt", "hello world\n"}}) {
    auto f = dir.write(name, text);
    auto r = drydock({"diagnose", f.string()});
    EXPECT_EQ(r.status, 2) << name;
    EXPECT_EQ(lines_of(r.err), 1) << name << ": " << r.err;
    EXPECT_TRUE(contains(r.err, name)) << r.err;
  }
}

TEST(EnvdiffCli, DotenvAgainstAManifestWithConfigMapsAndSource) {
  auto r = drydock({"envdiff", fixture("envdiff/local.env"), fixture("envdiff/deploy.yaml") + ":container=orders",
                    "--with", fixture("envdiff/config.yaml"), "--source", fixture("envdiff/src"), "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  auto& env = j["env"];
  EXPECT_EQ(env["missing_in_b"], nlohmann::json({"STRIPE_API_KEY", "FEATURE_FLAGS"}));
  EXPECT_EQ(env["missing_in_a"], nlohmann::json({"POD_NAME"}));
  // envFrom resolved through the ConfigMap, valueFrom through the Secret (base64).
  EXPECT_EQ(env["b"]["vars"]["DB_HOST"]["value"], "postgres.shop.svc.cluster.local");
  EXPECT_EQ(env["b"]["vars"]["DB_URL"]["value"], "postgres://app:P**********d@postgres.shop.svc.cluster.local:5432/orders");
  std::set<std::string> rules_localhost, unprovided;
  bool key_missing = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] == "DD0102") rules_localhost.insert(f["evidence"].get<std::string>().substr(0, f["evidence"].get<std::string>().find('=')));
    if (f["rule"] == "DD0104") unprovided.insert(f["message"].get<std::string>().substr(15, f["message"].get<std::string>().find(',') - 15));
    if (f["rule"] == "DD0103" && f["severity"] == "error") key_missing = true;
  }
  EXPECT_EQ(rules_localhost, (std::set<std::string>{"DB_HOST", "DB_URL", "REDIS_URL"}));
  EXPECT_EQ(unprovided, (std::set<std::string>{"PORT", "SENTRY_DSN", "QUEUE_NAME", "AWS_REGION"}));
  EXPECT_TRUE(key_missing) << "Secret orders-db has no key stripe";
  for (const auto& s : env["read_by_source"])
    if (s["name"] == "LOG_LEVEL") EXPECT_TRUE(s["provided"].get<bool>());
}

TEST(EnvdiffCli, SecretsNeverPrinted) {
  for (const char* fmt : {"text", "json", "sarif"}) {
    auto r = drydock({"envdiff", fixture("envdiff/local.env"), fixture("envdiff/deploy.yaml") + ":container=orders",
                      "--with", fixture("envdiff/config.yaml"), "--format", fmt});
    EXPECT_EQ(r.status, 1) << r.err;
    for (const char* secret : {"devpass123", "Pr0dPassw0rd", "sk_live_51HqLyjWDarjtT1zdp7dcXUy2PKjW4Qb9t8cGqTqD"})
      EXPECT_FALSE(contains(r.out + r.err, secret)) << fmt << " prints " << secret;
  }
}

TEST(EnvdiffCli, EnvOutputAgainstDockerInspectAndPodJson) {
  TempDir dir;
  auto env = dir.write("env.txt", "PATH=/usr/local/bin:/usr/bin\nHOSTNAME=3f2a1b\nDB_HOST=db\nJAVA_OPTS=-Xmx512m\n");
  auto inspect = dir.write("inspect.json",
                           R"([{"Id":"3f2a1b","Name":"/api","State":{"Status":"running"},"Config":{"Env":["PATH=/usr/local/bin:/usr/bin","DB_HOST=127.0.0.1","CACHE_TTL=60"]}}])");
  auto r = drydock({"envdiff", env.string(), inspect.string(), "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;  // warnings only: below the default error threshold
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["env"]["missing_in_a"], nlohmann::json({"CACHE_TTL"}));
  EXPECT_EQ(j["env"]["missing_in_b"], nlohmann::json({"HOSTNAME", "JAVA_OPTS"}));
  EXPECT_EQ(j["env"]["different"], nlohmann::json({"DB_HOST"}));
  r = drydock({"envdiff", fixture("crashloop-oom-pod.json"), inspect.string(), "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["env"]["a"]["vars"]["DB_URL"]["from"], "configMap orders-config/DB_URL");
  EXPECT_FALSE(j["env"]["a"]["vars"]["DB_URL"].contains("value"));  // not resolved without --with
}

TEST(EnvdiffCli, BadInputExitsTwoWithOneLine) {
  TempDir dir;
  auto good = dir.write("a.env", "A=1\n");
  for (auto [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"b.env", "# settings\nA=1\nthis is not an assignment\n"}, {"c.env", "A=\"unterminated\n"},
           {"d.yaml", "apiVersion: v1\nkind: Pod\nspec: {containers: [\n"}, {"e.json", "{\"Config\": "}}) {
    auto f = dir.write(name, text);
    auto r = drydock({"envdiff", good.string(), f.string()});
    EXPECT_EQ(r.status, 2) << name;
    EXPECT_EQ(lines_of(r.err), 1) << name << ": " << r.err;
    EXPECT_TRUE(contains(r.err, name)) << r.err;
  }
  auto r = drydock({"envdiff", good.string(), fixture("envdiff/deploy.yaml")});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "several containers")) << r.err;
}

}  // namespace
}  // namespace dd::test
