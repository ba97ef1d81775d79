#pragma once
#include "core/text.h"
// Helpers shared by the build-context rules (DD30xx): the COPY/ADD source
// arguments of the Dockerfile that read the context (what they resolve to is
// context/copy_sources.h), stage names, sizes.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "context/context.h"
#include "context/copy_sources.h"
#include "core/registrar.h"
#include "dockerfile/command.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile::ctxrule {

// The build-context rules run with the Dockerfile rules (DD_DOCKERFILE_RULE)
// but belong to the context domain: `drydock context` reports them, and
// config and SARIF see them as context rules.
using ContextRules = Registrar<Domain::context>;

// One source argument of a COPY/ADD that reads the build context.
struct Source {
  const Instruction* ins = nullptr;
  const Arg* arg = nullptr;
  std::string path;  // expanded source, as written after variable substitution
  std::vector<std::string> excludes;  // COPY --exclude=PATTERN values
};

// The ignore file a fix should add lines to: the one in use, else a new
// .dockerignore at the context root.
inline std::string ignore_file_for_fix(const context::BuildContext& ctx) {
  return ctx.ignore_file().empty() ? (ctx.root() / ".dockerignore").string() : ctx.ignore_file().string();
}

// Source resolution lives in context/ (context/copy_sources.h).
inline bool is_remote(std::string_view s) { return context::is_remote_source(s); }
using context::whole_context;

// COPY/ADD sources that come from the context: no --from, no heredoc, no URL,
// and only when every variable in them is known.
inline std::vector<Source> context_sources(const LintInput& in) {
  std::vector<Source> out;
  for (const auto& ins : in.df.instructions) {
    if (ins.kind != Kw::COPY && ins.kind != Kw::ADD) continue;
    if (!in_build(ins)) continue;  // before the first FROM: DD1021 (DL3061) only
    if (ins.flag("from")) continue;
    if (ins.args.size() < 2) continue;
    Vars vars;
    bool scoped = false;
    for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
      const Arg& a = ins.args[i];
      if (a.text.rfind("<<", 0) == 0) continue;
      std::string value = a.text;
      if (value.find('$') != std::string::npos) {
        if (!scoped) {
          vars = in.scope(ins);
          scoped = true;
        }
        auto e = expand(a.text, vars, in.df.escape);
        if (!e.unresolved.empty()) continue;
        value = e.value;
      } else if (!ins.exec_form && value.size() >= 2 &&
                 ((value.front() == '"' && value.back() == '"') || (value.front() == '\'' && value.back() == '\''))) {
        value = value.substr(1, value.size() - 2);
      }
      if (value.empty() || (ins.kind == Kw::ADD && is_remote(value))) continue;
      Source src{&ins, &a, value, {}};
      for (const auto& f : ins.flags)
        if (f.name == "exclude"sv && f.has_value) src.excludes.push_back(f.value);
      out.push_back(std::move(src));
    }
  }
  return out;
}

// The context entries a source sends, minus its --exclude patterns.
inline std::vector<const context::Entry*> sent(const context::BuildContext& ctx, const Source& src) {
  return context::copy_sources(ctx, src.path, src.excludes);
}

inline std::string stage_label(const Dockerfile& df, int stage) {
  if (stage < 0 || static_cast<size_t>(stage) >= df.stages.size()) return "the build";
  const Stage& s = df.stages[stage];
  if (df.stages.size() == 1) return "image";
  std::string name = s.name.empty() ? std::to_string(stage) : "'" + s.name + "'";
  bool final = static_cast<size_t>(stage) + 1 == df.stages.size();
  return (final ? "final stage " : "stage ") + name;
}

inline bool is_final(const Dockerfile& df, int stage) {
  return stage >= 0 && static_cast<size_t>(stage) + 1 == df.stages.size();
}

// "COPY . ." as written (first line of the instruction, flags included).
inline std::string written(const Instruction& ins) {
  std::string s = ins.keyword;
  for (const auto& f : ins.flags) s += " --" + f.name + (f.has_value ? "=" + f.value : "");
  for (const auto& a : ins.args) s += " " + a.text;
  return text::clip(s, 120);
}

inline std::string human_size(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 30))
    std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1ull << 30));
  else if (bytes >= (1ull << 20))
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1ull << 20));
  else if (bytes >= 1024)
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024);
  else
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  return buf;
}

inline std::string_view base_name(std::string_view p) {
  auto s = p.rfind('/');
  return s == std::string_view::npos ? p : p.substr(s + 1);
}

// A BuildKit secret id for a file: "certs/server.pem" -> "server_pem".
inline std::string secret_id(std::string_view path) {
  std::string id;
  for (char c : base_name(path)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (ok) id += c;
    else if (!id.empty() && id.back() != '_') id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id.empty() ? "secret" : id;
}

// "a, b, c and 4 more"
inline std::string list_names(const std::vector<std::string>& names, size_t max = 5) {
  std::string s;
  for (size_t i = 0; i < names.size() && i < max; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > max) s += " and " + std::to_string(names.size() - max) + " more";
  return s;
}

}  // namespace dd::dockerfile::ctxrule
