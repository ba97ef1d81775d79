#pragma once
// The label schema (config `label_schema:`, hadolint's `label-schema:` and
// --require-label): which labels an image must carry and what their values
// must look like. Shared by DD1131-DD1139, the ports of hadolint's
// DL3049-DL3058.
#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/rule.h"
#include "dockerfile/rules/stage_refs.h"
#include "dockerfile/rules/words.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/commands.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/variables.h"

namespace dd::dockerfile::labels {

// One `key=value` of a LABEL, top level or under ONBUILD.
struct Label {
  const Instruction* ins;
  const KeyValue* kv;
};

inline std::vector<Label> all(const Dockerfile& df) {
  std::vector<Label> out;
  for (const auto& ins : df.instructions) {
    const Instruction* i = &ins;
    if (i->kind == Kw::ONBUILD && i->child) i = i->child.get();
    if (i->kind != Kw::LABEL) continue;
    for (const auto& kv : i->pairs) out.push_back({i, &kv});
  }
  return out;
}

// The stages that can be built as an image: the final stage, and any other
// stage that is neither the base of a later stage nor a COPY --from source
// (a stage only copied from is a builder and needs no labels).
inline std::vector<const Stage*> targets(const Dockerfile& df) {
  std::vector<bool> used(df.stages.size(), false);
  for (const auto& s : df.stages)
    if (s.base_stage && *s.base_stage >= 0 && static_cast<size_t>(*s.base_stage) < used.size()) used[*s.base_stage] = true;
  for (const auto& ins : df.instructions) {
    const Flag* from = ins.kind == Kw::COPY || ins.kind == Kw::ADD ? ins.flag("from") : nullptr;
    if (!from) continue;
    if (const Stage* s = util::stage_ref(df, from->value)) used[s->index] = true;
  }
  std::vector<const Stage*> out;
  for (size_t i = 0; i < df.stages.size(); ++i)
    if (!used[i] || i + 1 == df.stages.size()) out.push_back(&df.stages[i]);
  return out;
}

// A value that only a build argument or variable fills in cannot be checked
// here: it is left alone instead of guessed.
inline bool unresolved(std::string_view v) { return v.find('$') != std::string_view::npos; }

inline bool all_of(std::string_view s, const std::function<bool(char)>& ok) {
  return !s.empty() && std::all_of(s.begin(), s.end(), ok);
}
inline bool digit(char c) { return c >= '0' && c <= '9'; }

// 2024-05-01T12:00:00Z, 2024-05-01T12:00:00.5+02:00 (RFC 3339 date-time).
inline bool rfc3339(std::string_view v) {
  auto num = [&](size_t at, size_t n, int lo, int hi) {
    if (at + n > v.size()) return false;
    int x = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!digit(v[i])) return false;
      x = x * 10 + (v[i] - '0');
    }
    return x >= lo && x <= hi;
  };
  if (v.size() < 20 || !num(0, 4, 0, 9999) || v[4] != '-' || !num(5, 2, 1, 12) || v[7] != '-' ||
      !num(8, 2, 1, 31) || (v[10] != 'T' && v[10] != 't' && v[10] != ' ') || !num(11, 2, 0, 23) || v[13] != ':' ||
      !num(14, 2, 0, 59) || v[16] != ':' || !num(17, 2, 0, 60))
    return false;
  size_t i = 19;
  if (v[i] == '.') {
    size_t start = ++i;
    while (i < v.size() && digit(v[i])) ++i;
    if (i == start) return false;
  }
  if (i < v.size() && (v[i] == 'Z' || v[i] == 'z')) return i + 1 == v.size();
  return i + 6 == v.size() && (v[i] == '+' || v[i] == '-') && num(i + 1, 2, 0, 23) && v[i + 3] == ':' &&
         num(i + 4, 2, 0, 59);
}

// semver.org 2.0.0: MAJOR.MINOR.PATCH[-pre.release][+build.meta], numbers
// without leading zeros.
inline bool semver(std::string_view v) {
  auto number = [](std::string_view n) { return all_of(n, digit) && (n.size() == 1 || n[0] != '0'); };
  auto idents = [&](std::string_view s, bool pre) {
    for (size_t b = 0;;) {
      size_t e = s.find('.', b);
      std::string_view id = s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
      if (!all_of(id, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; })) return false;
      if (pre && all_of(id, digit) && !number(id)) return false;
      if (e == std::string_view::npos) return true;
      b = e + 1;
    }
  };
  size_t plus = v.find('+');
  if (plus != std::string_view::npos) {
    if (!idents(v.substr(plus + 1), false)) return false;
    v = v.substr(0, plus);
  }
  size_t dash = v.find('-');
  if (dash != std::string_view::npos) {
    if (!idents(v.substr(dash + 1), true)) return false;
    v = v.substr(0, dash);
  }
  size_t d1 = v.find('.'), d2 = d1 == std::string_view::npos ? d1 : v.find('.', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  return number(v.substr(0, d1)) && number(v.substr(d1 + 1, d2 - d1 - 1)) && number(v.substr(d2 + 1));
}

// local@domain, the common (dot-atom) form.
inline bool email(std::string_view v) {
  size_t at = v.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= v.size()) return false;
  std::string_view local = v.substr(0, at), domain = v.substr(at + 1);
  static constexpr std::string_view kLocal = "!#$%&'*+/=?^_`{|}~.-";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  for (char c : local)
    if (!std::isalnum(static_cast<unsigned char>(c)) && kLocal.find(c) == std::string_view::npos) return false;
  for (size_t b = 0;;) {
    size_t e = domain.find('.', b);
    std::string_view label = domain.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    if (!all_of(label, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; })) return false;
    if (e == std::string_view::npos) return true;
    b = e + 1;
  }
}

// An SPDX license id or exception, matched without regard to case as the
// SPDX spec asks (the list is Debian's node-spdx-license-ids/-exceptions).
bool spdx_id(std::string_view id);

// An SPDX license expression: ids (with an optional +), LicenseRef-...,
// AND, OR, WITH and parentheses.
inline bool spdx_expression(std::string_view v) {
  std::vector<std::string_view> tok;
  for (size_t i = 0; i < v.size();) {
    char c = v[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '(' || c == ')') {
      tok.push_back(v.substr(i++, 1));
    } else {
      size_t b = i;
      while (i < v.size() && v[i] != ' ' && v[i] != '\t' && v[i] != '(' && v[i] != ')') ++i;
      tok.push_back(v.substr(b, i - b));
    }
  }
  size_t p = 0;
  auto license = [&](std::string_view t) {
    if (t.starts_with("LicenseRef-") || t.starts_with("DocumentRef-")) return t.size() > 11;
    if (t.ends_with("+")) t.remove_suffix(1);
    return spdx_id(t);
  };
  std::function<bool()> expr = [&]() -> bool {
    auto term = [&]() -> bool {
      if (p >= tok.size()) return false;
      if (tok[p] == "(") {
        ++p;
        if (!expr() || p >= tok.size() || tok[p] != ")") return false;
        ++p;
        return true;
      }
      if (!license(tok[p++])) return false;
      if (p < tok.size() && tok[p] == "WITH") {
        ++p;
        return p < tok.size() && spdx_id(tok[p++]);
      }
      return true;
    };
    if (!term()) return false;
    while (p < tok.size() && (tok[p] == "AND" || tok[p] == "OR")) {
      ++p;
      if (!term()) return false;
    }
    return true;
  };
  return !tok.empty() && expr() && p == tok.size();
}

// A label value of `type` in the schema that does not have that form.
// Reports each LABEL key of that type whose literal value fails `valid`.
class TypedLabelRule : public Rule {
 public:
  TypedLabelRule(std::string_view type, std::string_view what, std::string_view example)
      : type_(type), what_(what), example_(example) {}
  void check(const LintInput& in, Report& out) const override {
    if (in.config.label_schema.empty()) return;
    for (const auto& l : all(in.df)) {
      auto it = in.config.label_schema.find(l.kv->key);
      if (it == in.config.label_schema.end() || it->second != type_) continue;
      const std::string& v = l.kv->value;
      if (!l.kv->has_value || v.empty() || unresolved(v) || valid(v)) continue;
      Finding f = in.at(l.kv->value_range, "label " + l.kv->key + " on line " + std::to_string(l.kv->key_range.begin.line) +
                                               " is not " + std::string(what_) + ": '" + v + "'");
      f.root_cause = "The label schema says " + l.kv->key + " holds " + std::string(what_) +
                     "; tools that read the label (registries, scanners, provenance checks) reject or misread other values.";
      f.fix = "LABEL " + l.kv->key + "=\"" + std::string(example_) + "\"";
      f.tags = {"label-schema"};
      out.add(info(), std::move(f));
    }
  }

 protected:
  virtual bool valid(std::string_view v) const = 0;

 private:
  std::string_view type_, what_, example_;
};

}  // namespace dd::dockerfile::labels
