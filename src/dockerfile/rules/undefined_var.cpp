// DD1011: Variable used but never defined in this stage.
#include <map>
#include <optional>

#include "dockerfile/rules/local_image.h"
#include "dockerfile/rules/pkg_util.h"
#include "knowledge/build_env.h"

namespace dd::dockerfile {
namespace {

const util::Words kChecked = {"ENV", "LABEL", "COPY", "ADD", "WORKDIR", "USER", "EXPOSE", "VOLUME", "STOPSIGNAL", "ARG"};

struct Use {
  Range range;
  std::string text;
};

// The words of an instruction that BuildKit expands, with their ranges.
std::vector<Use> uses(const Dockerfile& df, const Instruction& ins) {
  std::vector<Use> out;
  if (!ins.pairs.empty()) {
    for (const auto& kv : ins.pairs) {
      if (!kv.has_value) continue;
      std::string raw = util::text_of(df, kv.value_range);
      out.push_back({kv.value_range, raw.empty() ? kv.value : raw});
      if (ins.kind == Kw::LABEL) out.push_back({kv.key_range, kv.key});
    }
  } else {
    for (const auto& a : ins.args) out.push_back({a.range, a.text});
  }
  for (const auto& f : ins.flags)
    if (f.name == "chown"sv || f.name == "chmod"sv) out.push_back({f.range, util::text_of(df, f.range)});
  return out;
}

// Names declared by ARG (with or without a value) or ENV before `ins` in its
// stage and in the stages it is built FROM.
std::vector<std::string> declared(const Dockerfile& df, const Instruction& ins) {
  std::vector<std::string> out;
  int st = ins.stage;
  size_t limit = ins.index;
  for (int guard = 0; st >= 0 && st < static_cast<int>(df.stages.size()) && guard < 1000; ++guard) {
    for (size_t i : df.stages[st].instructions) {
      if (i >= df.instructions.size() || i >= limit) continue;
      const auto& d = df.instructions[i];
      if (d.kind == Kw::ARG || d.kind == Kw::ENV)
        for (const auto& kv : d.pairs) out.push_back(kv.key);
    }
    const auto& s = df.stages[st];
    if (!s.base_stage || *s.base_stage >= st) break;
    st = *s.base_stage;
    limit = df.instructions.size();
  }
  return out;
}

// True when the instruction's text can hold a variable reference at all.
bool mentions_variable(const Instruction& ins) {
  if (ins.args_text.find('$') != std::string::npos) return true;
  for (const auto& f : ins.flags)
    if (f.value.find('$') != std::string::npos) return true;
  return false;
}

class UndefinedVar : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    std::vector<std::string> global;
    for (size_t i : in.df.global_args)
      if (i < in.df.instructions.size())
        for (const auto& kv : in.df.instructions[i].pairs) global.push_back(kv.key);
    // With --local-images, the environment of each stage's base image, as
    // BuildKit reads it from the image config.
    std::map<int, std::optional<local::Base>> bases;
    auto base_of = [&](int stage) -> const std::optional<local::Base>& {
      auto it = bases.find(stage);
      if (it == bases.end()) it = bases.emplace(stage, local::stage_base(in, stage)).first;
      return it->second;
    };
    for (const auto& ins : in.df.instructions) {
      if (ins.stage < 0 || !util::in(kChecked, ins.keyword) || !mentions_variable(ins)) continue;
      // The variables in scope, and the names declared before (computed once
      // a reference is not in scope).
      const Vars& scope = in.scope(ins);
      std::optional<std::vector<std::string>> decl;
      const std::optional<local::Base>* base = nullptr;
      auto defined = [&](const std::string& name) {
        if (scope.count(name)) return true;
        if (!decl) decl = declared(in.df, ins);
        if (std::find(decl->begin(), decl->end(), name) != decl->end()) return true;
        if (!base) base = &base_of(ins.stage);
        return *base && local::sets_env(**base, name);
      };
      bool scratch = util::rooted_in_scratch(in.df, ins.stage);
      for (const auto& u : uses(in.df, ins)) {
        for (const auto& ref : util::var_refs(u.text, in.df.escape)) {
          // PATH, HOME, HOSTNAME...: set by the builder or the runtime without a declaration.
          if (ref.has_default || dd::kb::set_by_default_in_build(ref.name) || defined(ref.name)) continue;
          std::string why, fix;
          std::vector<std::string> names;  // every name known here, sorted, once each
          for (const auto& [k, _] : scope) names.push_back(k);
          names.insert(names.end(), decl->begin(), decl->end());
          if (*base)
            for (const auto& e : (*base)->image.env) names.push_back(e.substr(0, e.find('=')));
          std::sort(names.begin(), names.end());
          names.erase(std::unique(names.begin(), names.end()), names.end());
          std::string near = ref.name.size() >= 4 ? util::closest(ref.name, names) : std::string();
          const dd::kb::BuildArg* predefined = dd::kb::predefined_arg(ref.name);
          if (predefined && predefined->kind == dd::kb::BuildArgKind::platform) {
            why = "it is a platform ARG, which a stage only sees after ARG " + ref.name;
            fix = "ARG " + ref.name;
          } else if (std::find(global.begin(), global.end(), ref.name) != global.end()) {
            why = "the ARG before the first FROM is not visible inside a stage until it is declared again";
            fix = "ARG " + ref.name;
          } else if (!near.empty()) {
            why = "did you mean $" + near + "?";
            fix = "$" + near;
          } else if (scratch) {
            why = "the stage starts from scratch, which defines no variables";
            fix = "ARG " + ref.name + "=<value>";
          } else if (*base) {
            why = "no ARG or ENV declares it, and the environment of " + (*base)->ref +
                  " (looked up in the local engine) does not set it";
            fix = "ENV " + ref.name + "=<value>   (or ARG " + ref.name + "=<default>)";
          } else {
            continue;  // may come from the base image's environment
          }
          Range r = util::sub_range(u.range, ref.begin, ref.end);
          Finding f = in.at(r, "$" + ref.name + " in " + ins.keyword + " on line " + std::to_string(r.begin.line) +
                                   " is not defined and expands to an empty string: " + why);
          f.root_cause = "The variable is not declared by ARG or ENV in this stage before its use.";
          f.fix = fix;
          out.add(info_, std::move(f));
        }
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1011",
      .name = "undefined-var",
      .category = Category::config_missing,
      .severity = Severity::warning,
      .summary = "Variable used but never defined in this stage",
      .rationale = "An undefined variable expands to an empty string without any error: COPY lands in the wrong folder, USER becomes root, ENV values end up empty in production.",
      .fix = "ARG TARGETARCH   # or ENV/ARG the variable before its use",
      .aliases = {"UndefinedVar"},
  });
};

DD_DOCKERFILE_RULE(UndefinedVar)

}  // namespace
}  // namespace dd::dockerfile
