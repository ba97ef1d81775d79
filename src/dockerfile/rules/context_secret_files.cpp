// DD3001: secret files of the build context copied into the image.
#include <map>
#include <set>

#include "dockerfile/rules/context_util.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

// What makes a context file a secret. `name` is a Go filepath.Match pattern
// on the base name, or on the last two elements when `in_dir` is set.
struct SecretKind {
  std::string_view name;     // pattern on the base name
  std::string_view in_dir;   // parent folder name required ("" = any)
  std::string_view what;     // shown in the message
  std::string_view ignore;   // .dockerignore line when the file is at the root
  std::string_view nested;   // .dockerignore line for files in sub-folders
  enum Check { always, key_material, token_inside, git_credentials } check = always;
};

const SecretKind kKinds[] = {
    {".env", "", "environment file", ".env", "**/.env"},
    {".env.*", "", "environment file", ".env.*", "**/.env.*"},
    {"id_rsa*", "", "SSH private key", "id_rsa*", "**/id_rsa*"},
    {"id_dsa*", "", "SSH private key", "id_dsa*", "**/id_dsa*"},
    {"id_ecdsa*", "", "SSH private key", "id_ecdsa*", "**/id_ecdsa*"},
    {"id_ed25519*", "", "SSH private key", "id_ed25519*", "**/id_ed25519*"},
    {"*.pem", "", "PEM key", "*.pem", "**/*.pem", SecretKind::key_material},
    {"*.key", "", "private key", "*.key", "**/*.key", SecretKind::key_material},
    {"*.p12", "", "PKCS#12 keystore", "*.p12", "**/*.p12"},
    {"*.pfx", "", "PKCS#12 keystore", "*.pfx", "**/*.pfx"},
    {".npmrc", "", "npm credentials", ".npmrc", "**/.npmrc", SecretKind::token_inside},
    {".pypirc", "", "PyPI credentials", ".pypirc", "**/.pypirc", SecretKind::token_inside},
    {".yarnrc.yml", "", "Yarn credentials", ".yarnrc.yml", "**/.yarnrc.yml", SecretKind::token_inside},
    {"credentials", ".aws", "AWS credentials", ".aws", "**/.aws"},
    {".git-credentials", "", "Git credentials", ".git-credentials", "**/.git-credentials"},
    {".netrc", "", "netrc credentials", ".netrc", "**/.netrc"},
    {"config.json", ".docker", "Docker registry credentials", ".docker", "**/.docker"},
    {"config", ".kube", "kubeconfig", ".kube", "**/.kube"},
    {"kubeconfig*", "", "kubeconfig", "kubeconfig*", "**/kubeconfig*"},
    {"config", ".git", "Git config with credentials in a remote URL", ".git", "**/.git",
     SecretKind::git_credentials},
    {"*.tfstate", "", "Terraform state", "*.tfstate", "**/*.tfstate"},
    {"*.tfstate.backup", "", "Terraform state", "*.tfstate.backup", "**/*.tfstate.backup"},
    // Data files only: secrets.py or secrets.cpp is code that handles secrets.
    {"secrets.json", "", "secrets file", "secrets.json", "**/secrets.json"},
    {"secrets.y*ml", "", "secrets file", "secrets.y*ml", "**/secrets.y*ml"},
    {"secrets.env", "", "secrets file", "secrets.env", "**/secrets.env"},
    {"secrets.toml", "", "secrets file", "secrets.toml", "**/secrets.toml"},
    {"secrets.txt", "", "secrets file", "secrets.txt", "**/secrets.txt"},
};

// Templates that hold no real values.
bool is_template(std::string_view base) {
  for (std::string_view s : {".example", ".sample", ".template", ".dist", ".defaults", ".tpl", ".tmpl"})
    if (base.size() > s.size() && base.substr(base.size() - s.size()) == s) return true;
  return false;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// Reads the file only for the kinds whose name alone is not enough.
bool confirmed(const SecretKind& k, const context::BuildContext& ctx, const context::Entry& e) {
  switch (k.check) {
    case SecretKind::always:
      return true;
    case SecretKind::key_material: {
      std::string head = ctx.read(e.path);
      // A certificate or public key alone is not a secret.
      if (contains(head, "PRIVATE KEY")) return true;
      return !(contains(head, "CERTIFICATE") || contains(head, "PUBLIC KEY"));
    }
    case SecretKind::token_inside: {
      std::string body = ctx.read(e.path);
      for (std::string_view t : {"_authToken", "_auth=", "_auth =", "_password", "password", "npmAuthToken", "npmAuthIdent"})
        if (contains(body, t)) return true;
      return false;
    }
    case SecretKind::git_credentials: {
      std::string body = ctx.read(e.path);
      // url = https://user:token@host/...
      size_t at = body.find("://");
      while (at != std::string::npos) {
        size_t end = body.find_first_of(" \t\r\n", at);
        std::string_view url(body.data() + at + 3, (end == std::string::npos ? body.size() : end) - at - 3);
        size_t slash = url.find('/');
        std::string_view host = url.substr(0, slash);
        if (contains(host, "@") && contains(host.substr(0, host.find('@')), ":")) return true;
        at = body.find("://", at + 3);
      }
      return false;
    }
  }
  return false;
}

const SecretKind* classify(const context::BuildContext& ctx, const context::Entry& e) {
  if (e.is_dir || e.is_symlink) return nullptr;
  std::string_view path = e.path;
  std::string_view base = base_name(path);
  std::string_view parent;
  if (path.size() > base.size()) parent = base_name(path.substr(0, path.size() - base.size() - 1));
  if (is_template(base)) return nullptr;
  for (const auto& k : kKinds) {
    if (!k.in_dir.empty() && parent != k.in_dir) continue;
    if (!go_path_match(k.name, base)) continue;
    if (base.size() > 4 && base.substr(base.size() - 4) == ".pub"sv) continue;
    if (!confirmed(k, ctx, e)) continue;
    return &k;
  }
  return nullptr;
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
        const SecretKind* k = classify(ctx, *e);
        if (!k) continue;
        files.push_back(e->path);
        kinds.insert(std::string(k->what));
        bool at_root = e->path.find('/') == std::string::npos ||
                       (!k->in_dir.empty() && e->path.find('/') == k->in_dir.size());
        std::string line(at_root ? k->ignore : k->nested);
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
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD3001",
      .name = "context-secret-files",
      .domain = Domain::context,
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
