// DD3001: secret files of the build context copied into the image.
#include <map>
#include <set>

#include "dockerfile/rules/context_util.h"
#include "knowledge/credentials.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

// What makes a context file a secret: the knowledge layer's one table
// (knowledge/credentials.h); the contents are read only for the rows whose
// name alone is not enough.
const dd::kb::SecretFile* classify(const context::BuildContext& ctx, const context::Entry& e) {
  if (e.is_dir || e.is_symlink) return nullptr;
  const dd::kb::SecretFile* k = dd::kb::secret_file(e.path);
  if (!k) return nullptr;
  if (k->check != dd::kb::SecretCheck::always && !dd::kb::secret_contents_confirm(*k, ctx.read(e.path))) return nullptr;
  return k;
}

// The .dockerignore line for a row: the folder for in-folder rows (.aws),
// the name pattern otherwise; under **/ for files in sub-folders.
std::string ignore_line(const dd::kb::SecretFile& k, bool at_root) {
  std::string line(k.in_dir.empty() ? k.name : k.in_dir);
  return at_root ? line : "**/" + line;
}

class ContextSecretFiles : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.context) return;
    const auto& ctx = *in.context;
    for (const auto& src : context_sources(in)) {
      std::vector<std::string> files;
      std::set<std::string> kinds;
      std::vector<std::string> lines;
      std::set<std::string> seen_lines;
      for (const auto* e : sent(ctx, src)) {
        const dd::kb::SecretFile* k = classify(ctx, *e);
        if (!k) continue;
        files.push_back(e->path);
        kinds.insert(std::string(k->what));
        bool at_root = e->path.find('/') == std::string::npos ||
                       (!k->in_dir.empty() && e->path.find('/') == k->in_dir.size());
        std::string line = ignore_line(*k, at_root);
        if (seen_lines.insert(line).second) lines.push_back(line);
      }
      if (files.empty()) continue;
      const Instruction& ins = *src.ins;
      std::string what;
      for (const auto& k : kinds) what += (what.empty() ? "" : ", ") + k;
      std::string msg = written(ins) + " on line " + std::to_string(ins.range.begin.line) + " copies " +
                        std::to_string(files.size()) + (files.size() == 1 ? " secret file" : " secret files") +
                        " (" + what + ") from the build context into the " + stage_label(in.df, ins.stage) + ": " +
                        list_names(files) + "; " +
                        (ctx.ignore_file().empty() ? "there is no .dockerignore"
                                                   : ctx.ignore_file().filename().string() + " does not exclude them");
      Finding f = in.at(src.arg->range, msg);
      f.root_cause = "The source `" + src.arg->text +
                     "` sends every matching context file into an image layer, and .dockerignore does not leave these "
                     "secrets out, so anyone who can pull the image (or its build cache) can read them.";
      std::string fix = "Add to .dockerignore:\n";
      for (const auto& l : lines) fix += l + "\n";
      fix += "If the build needs one of them, mount it for that step only: "
             "RUN --mount=type=secret,id=" + secret_id(files.front()) + ",target=/run/secrets/" +
             secret_id(files.front()) + " <command> (docker build --secret id=" + secret_id(files.front()) +
             ",src=" + files.front() + ")";
      f.fix = fix;
      f.tags = {"dockerignore", "secrets"};
      in.propose_append({ignore_file_for_fix(ctx), lines});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = ctxrule::ContextRules::add({
      .id = "DD3001",
      .name = "context-secret-files",
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "Secret files from the build context are copied into the image",
      .rationale = "COPY/ADD sends .env files, private keys, registry and cloud credentials that .dockerignore does not "
                   "exclude into an image layer, where anyone with pull access can read them, forever.",
      .fix = "Exclude them in .dockerignore (`**/.env`, `**/*.pem`, ...) and pass build-time secrets with "
             "RUN --mount=type=secret.",
      .tags = {"dockerignore", "secrets"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(ContextSecretFiles)

}  // namespace
}  // namespace dd::dockerfile
