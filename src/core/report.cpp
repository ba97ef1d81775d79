#include "core/report.h"

#include <cstdio>

#include "core/redact.h"
#include "core/registry.h"
#include "core/text.h"

namespace dd {

void Report::add(const RuleInfo& rule, Finding f) {
  if (f.rule.empty()) f.rule = rule.id;
  if (f.severity == Severity::none) f.severity = rule.severity;
  if (f.category == Category::best_practice) f.category = rule.category;
  if (f.title.empty()) f.title = rule.summary;
  if (f.fix.empty()) f.fix = rule.fix;
  f.fix = text::untab(f.fix);  // pasteable: no raw tabs in any rule's fix
  if (f.docs.empty()) f.docs = rule.docs_anchor();
  if (f.tags.empty()) f.tags = rule.tags;
  if (config_) {
    if (config_->is_ignored(f.rule, f.location.file)) return;
    f.severity = config_->severity_for(f.rule, f.severity);
  }
  if (suppress_ && suppress_(f)) return;
  // The one place secrets are redacted: whatever a rule quoted, no secret the
  // shared rule set knows leaves the report raw. Rules that know a value
  // better (one they matched themselves) may mask it earlier too.
  for (std::string* s : {&f.title, &f.message, &f.evidence, &f.root_cause, &f.fix})
    if (!s->empty()) *s = mask_secrets(*s);
  for (auto& r : f.related)
    if (!r.message.empty()) r.message = mask_secrets(r.message);
  for (auto& [_, v] : f.properties)
    if (!v.empty()) v = mask_secrets(v);
  findings_.push_back(std::move(f));
}

void Report::add(Finding f) {
  const RuleInfo* r = Registry::instance().find(f.rule);
  if (!r) {
    std::fprintf(stderr, "drydock: internal error: finding for unregistered rule %s\n", f.rule.c_str());
    return;
  }
  add(*r, std::move(f));
}

void Report::append(const Report& other) {
  findings_.insert(findings_.end(), other.findings_.begin(), other.findings_.end());
}

}  // namespace dd
