// One registrar template serves every domain.
#include <gtest/gtest.h>

#include <algorithm>

#include "compose/compose.h"
#include "core/registrar.h"
#include "dockerfile/rule.h"
#include "k8s/lint.h"
#include "runtime/diagnose.h"

namespace dd::test {
namespace {

TEST(Registrar, TableAddSetsTheDomainAndKeepsTheFields) {
  const RuleInfo& r = Registrar<Domain::metrics>::add("DD9961", "test-metrics-row", Category::memory_leak,
                                                      Severity::info, "summary", "rationale", "fix", {"k8s", "metrics"},
                                                      true);
  EXPECT_EQ(Registry::instance().find("DD9961"), &r);
  EXPECT_EQ(r.domain, Domain::metrics);
  EXPECT_EQ(r.severity, Severity::info);
  EXPECT_EQ(r.category, Category::memory_leak);
  EXPECT_EQ(r.tags, (std::vector<std::string>{"k8s", "metrics"}));
  EXPECT_TRUE(r.security);
}

class TestRule : public dockerfile::Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const dockerfile::LintInput&, Report&) const override {}

 private:
  const RuleInfo& info_ = dockerfile::Rules::add({.id = "DD9962", .name = "test-enlisted", .summary = "s"});
};
DD_DOCKERFILE_RULE(TestRule)

TEST(Registrar, EnlistAddsTheRuleObjectOnce) {
  const auto& list = dockerfile::rules();
  auto n = std::count_if(list.begin(), list.end(), [](const dockerfile::Rule* r) { return r->info().id == "DD9962"; });
  EXPECT_EQ(n, 1);
  EXPECT_EQ(Registry::instance().find("DD9962")->domain, Domain::dockerfile);
}

// Every domain's list is the one Registrar list, and each rule in it is in
// the Registry under the domain its list belongs to (or, for Dockerfile
// rules, a domain they judge through the Dockerfile: context, image).
TEST(Registrar, EveryDomainListIsFilledThroughIt) {
  EXPECT_GT(dockerfile::rules().size(), 50u);
  EXPECT_GT(k8s::rules().size(), 10u);
  EXPECT_GT(compose::rules().size(), 3u);
  EXPECT_GT(runtime::joined_rules().size(), 5u);
  EXPECT_EQ(&dockerfile::rules(), &dockerfile::Rules::rules());
  for (const auto* r : k8s::rules()) EXPECT_EQ(r->info().domain, Domain::k8s) << r->info().id;
  for (const auto* r : compose::rules()) EXPECT_EQ(r->info().domain, Domain::compose) << r->info().id;
  for (const auto* r : runtime::joined_rules()) EXPECT_EQ(r->info().domain, Domain::runtime) << r->info().id;
}

// The build-context rules run in the Dockerfile list but are context rules
// (the architecture's DD3xxx range): `drydock context` reports only those.
TEST(Registrar, BuildContextRulesAreInTheContextDomain) {
  int context = 0;
  for (const auto* r : dockerfile::rules()) {
    const std::string& id = r->info().id;
    bool dd3 = id.size() == 6 && id.compare(0, 3, "DD3") == 0;
    EXPECT_EQ(r->info().domain == Domain::context, dd3) << id;
    context += dd3;
  }
  EXPECT_GE(context, 7);
  ASSERT_NE(Registry::instance().find("DD3001"), nullptr);
  EXPECT_EQ(Registry::instance().find("DD3001")->domain, Domain::context);
}

// The table domains registered through it keep their domains and tags.
TEST(Registrar, TableDomainsKeepTheirMetadata) {
  auto& reg = Registry::instance();
  ASSERT_NE(reg.find("DD8001"), nullptr);
  EXPECT_EQ(reg.find("DD8001")->domain, Domain::metrics);
  EXPECT_EQ(reg.find("DD8001")->tags, (std::vector<std::string>{"k8s", "metrics"}));
  ASSERT_NE(reg.find("DD6500"), nullptr);
  EXPECT_EQ(reg.find("DD6500")->domain, Domain::k8s);
  EXPECT_EQ(reg.find("DD6500")->severity, Severity::error);
  ASSERT_NE(reg.find("DD0100"), nullptr);
  EXPECT_EQ(reg.find("DD0100")->tags, (std::vector<std::string>{"env"}));
  ASSERT_NE(reg.find("DD5201"), nullptr);
  EXPECT_EQ(reg.find("DD5201")->severity, Severity::error);
  EXPECT_EQ(reg.find("DD5201")->tags, (std::vector<std::string>{"memory"}));
  ASSERT_NE(reg.find("DD4201"), nullptr);
  EXPECT_EQ(reg.find("DD4201")->domain, Domain::image);
  EXPECT_TRUE(reg.find("DD4201")->security);
  EXPECT_FALSE(reg.find("DD4101") && reg.find("DD4101")->security);
  ASSERT_NE(reg.find("DD5001"), nullptr);
  EXPECT_EQ(reg.find("DD5001")->domain, Domain::runtime);
}

}  // namespace
}  // namespace dd::test
