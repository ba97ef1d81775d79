#pragma once
// The one registrar every domain instantiates.
//
//   Registrar<Domain::image>                     a table of RuleInfos (image, metrics, runtime tables, ...)
//   Registrar<Domain::dockerfile, dockerfile::Rule>  the same, plus the list of the domain's rule objects
//
// add() registers a rule's metadata in the one Registry with the domain set;
// Enlist<R> (through each domain's DD_*_RULE macro) adds one rule object to the
// domain's list at static-initialisation time. Nothing else registers rules.
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/registry.h"

namespace dd {

template <Domain D, class Rule = void>
struct Registrar {
  static constexpr Domain domain = D;

  // Registers `info` in the Registry as a rule of this domain.
  static const RuleInfo& add(RuleInfo info) {
    info.domain = D;
    return Registry::instance().add(std::move(info));
  }
  // The same from the fields every table gives, in this one order.
  static const RuleInfo& add(const char* id, const char* name, Category category, Severity severity,
                             const char* summary, const char* rationale, const char* fix,
                             std::vector<std::string> tags = {}, bool security = false) {
    RuleInfo r;
    r.id = id;
    r.name = name;
    r.category = category;
    r.severity = severity;
    r.summary = summary;
    r.rationale = rationale;
    r.fix = fix;
    r.tags = std::move(tags);
    r.security = security;
    return add(std::move(r));
  }

  // The domain's rule objects, in registration order (only when the domain has
  // a rule interface). One list per instantiation, shared by every library.
  template <class R = Rule>
    requires(!std::is_void_v<R>)
  static std::vector<const R*>& rules() {
    static std::vector<const R*> list;
    return list;
  }

  // `static Registrar<...>::Enlist<MyRule> reg;` constructs one MyRule (which
  // registers its RuleInfo) and adds it to rules().
  template <class R>
    requires(!std::is_void_v<Rule> && std::is_base_of_v<Rule, R>)
  struct Enlist {
    Enlist() {
      static R rule;
      rules().push_back(&rule);
    }
  };
};

}  // namespace dd
