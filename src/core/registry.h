#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/rule.h"

namespace dd {

// The one rule registry. Rules add their RuleInfo at static-initialisation
// time (see DD_REGISTER_RULE_INFO); lookups go by id or by peer alias.
class Registry {
 public:
  static Registry& instance();

  // Returns the stored RuleInfo. A duplicate id aborts at start-up: two rules
  // must never share an id.
  const RuleInfo& add(RuleInfo info);
  const RuleInfo* find(std::string_view id) const;
  // Resolves a drydock id or a peer alias (DL3008, JSONArgsRecommended) to the
  // drydock id; empty when unknown.
  std::string resolve(std::string_view id_or_alias) const;
  std::vector<const RuleInfo*> all() const;  // sorted by id

 private:
  std::map<std::string, RuleInfo, std::less<>> rules_;
  std::map<std::string, std::string, std::less<>> aliases_;
};

}  // namespace dd
