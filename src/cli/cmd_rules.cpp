// drydock rules: the rule registry, as a table or JSON.
#include <iostream>

#include "cli/cli.h"
#include "core/registry.h"

namespace dd::cli {
namespace {

struct RulesArgs {
  std::string format = "text";
  std::string domain;
  std::string category;
};

int run_rules(const RulesArgs& a) {
  auto all = Registry::instance().all();
  std::vector<const RuleInfo*> rows;
  for (const auto* r : all) {
    if (!a.domain.empty() && to_string(r->domain) != a.domain) continue;
    if (!a.category.empty() && to_string(r->category) != a.category) continue;
    rows.push_back(r);
  }
  if (a.format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto* r : rows) {
      arr.push_back({{"id", r->id},
                     {"name", r->name},
                     {"domain", std::string(to_string(r->domain))},
                     {"category", std::string(to_string(r->category))},
                     {"severity", std::string(to_string(r->severity))},
                     {"summary", r->summary},
                     {"rationale", r->rationale},
                     {"fix", r->fix},
                     {"aliases", r->aliases},
                     {"tags", r->tags},
                     {"docs", r->docs_anchor()}});
    }
    nlohmann::ordered_json j{{"tool", "drydock"}, {"version", DRYDOCK_VERSION}, {"rules", arr}};
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  for (const auto* r : rows) {
    std::string aliases;
    for (const auto& al : r->aliases) aliases += (aliases.empty() ? "" : ",") + al;
    std::cout << r->id << "  " << to_string(r->severity) << "  " << to_string(r->category) << "  " << r->summary;
    if (!aliases.empty()) std::cout << "  (" << aliases << ")";
    std::cout << "\n";
  }
  std::cout << rows.size() << " rules\n";
  return 0;
}

DD_COMMAND("rules", "List every rule with its id, severity, category and peer aliases",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<RulesArgs>();
             app->add_option("--format,-f", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
             app->add_option("--domain", a->domain, "Only rules of this domain (dockerfile, context, runtime, ...)");
             app->add_option("--category", a->category, "Only rules of this category");
             return [a] { return run_rules(*a); };
           },
           90)

}  // namespace
}  // namespace dd::cli
