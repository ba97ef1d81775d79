// DD2034: a RUN of the shipped image logs a CLI in (docker login, aws
// configure set, gcloud auth, npm login, ...): the tool writes the credential
// to a file in the home folder, and the file ships in the layer.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "dockerfile/rule.h"
#include "dockerfile/rules/commands.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/words.h"

namespace dd::dockerfile {
namespace {

// What a login command leaves behind, and how to do without it.
struct Login {
  std::string what;    // "docker login"
  std::string file;    // "~/.docker/config.json"
  std::string_view tool;  // the program, for its logout
  std::vector<std::string_view> traces;  // path parts whose removal in the same RUN undoes it
  std::string fix;
};

bool any_of_words(std::string_view w, util::WordList list) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view x) { return w == x; });
}

std::optional<Login> login_of(const Cmd& c) {
  const std::string_view p = c.name();
  static constexpr std::array<std::string_view, 17> kTools{
      "docker", "podman", "buildah", "skopeo", "oras", "helm", "aws",  "gcloud", "az",
      "doctl",  "gh",     "huggingface-cli", "hf", "npm", "pnpm", "yarn", "kubectl"};
  if (p.size() < 2 || p.size() > 15 || std::find(kTools.begin(), kTools.end(), p) == kTools.end())
    return std::nullopt;  // most commands: no operand list to build
  auto ops = util::operands(c);
  auto op = [&](size_t k) { return k < ops.size() ? c.arg(ops[k]) : std::string_view(); };
  if (p == "docker"sv || p == "podman"sv || p == "buildah"sv || p == "skopeo"sv || p == "oras"sv) {
    if (op(0) != "login"sv) return std::nullopt;
    const bool docker = p == "docker"sv;
    return Login{std::string(p) + " login", docker ? "~/.docker/config.json" : "${XDG_RUNTIME_DIR}/containers/auth.json",
                 p, {".docker", "auth.json"},
                 docker ? "RUN --mount=type=secret,id=docker,target=/root/.docker/config.json <command that pulls>  "
                          "(docker build --secret id=docker,src=$HOME/.docker/config.json)"
                        : "RUN --mount=type=secret,id=auth,target=/run/containers/0/auth.json <command>"};
  }
  if (p == "helm"sv && op(0) == "registry"sv && op(1) == "login"sv)
    return Login{"helm registry login", "~/.config/helm/registry/config.json", p, {"helm"},
                 "RUN --mount=type=secret,id=helm,target=/root/.config/helm/registry/config.json helm pull ..."};
  if (p == "aws"sv && op(0) == "configure"sv &&
      (op(1) == "import"sv ||
       (op(1) == "set"sv && (util::ends_with(op(2), "aws_access_key_id") || util::ends_with(op(2), "aws_secret_access_key") ||
                             util::ends_with(op(2), "aws_session_token")))))
    return Login{"aws configure " + std::string(op(1)), "~/.aws/credentials", p, {".aws"},
                 "RUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws s3 cp ...  (docker build "
                 "--secret id=aws,src=$HOME/.aws/credentials)"};
  if (p == "gcloud"sv && op(0) == "auth"sv && (op(1) == "activate-service-account"sv || op(1) == "login"sv))
    return Login{"gcloud auth " + std::string(op(1)), "~/.config/gcloud", p, {"gcloud"},
                 "RUN --mount=type=secret,id=gcp,target=/run/secrets/gcp.json "
                 "GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json <command>"};
  if (p == "az"sv && op(0) == "login"sv &&
      util::has_opt(c, {"-p", "--password", "--federated-token", "--service-principal"}))
    return Login{"az login", "~/.azure", p, {".azure"},
                 "RUN --mount=type=secret,id=azure,target=/root/.azure/... or log in at run time with a managed "
                 "identity"};
  if (p == "doctl"sv && op(0) == "auth"sv && op(1) == "init"sv)
    return Login{"doctl auth init", "~/.config/doctl/config.yaml", p, {"doctl"},
                 "RUN --mount=type=secret,id=do DIGITALOCEAN_ACCESS_TOKEN=$(cat /run/secrets/do) doctl ..."};
  if (p == "gh"sv && op(0) == "auth"sv && op(1) == "login"sv)
    return Login{"gh auth login", "~/.config/gh/hosts.yml", p, {"gh"},
                 "RUN --mount=type=secret,id=gh GH_TOKEN=$(cat /run/secrets/gh) gh ..."};
  if ((p == "huggingface-cli"sv && op(0) == "login"sv) || (p == "hf"sv && op(0) == "auth"sv && op(1) == "login"sv))
    return Login{std::string(p == "hf"sv ? "hf auth login" : "huggingface-cli login"), "~/.cache/huggingface/token",
                 p, {"huggingface"},
                 "RUN --mount=type=secret,id=hf HF_TOKEN=$(cat /run/secrets/hf) huggingface-cli download ..."};
  if ((p == "npm"sv || p == "pnpm"sv) && (op(0) == "login"sv || op(0) == "adduser"sv))
    return Login{std::string(p) + " " + std::string(op(0)), "~/.npmrc", p, {".npmrc"},
                 "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"};
  if ((p == "npm"sv || p == "pnpm"sv || p == "yarn"sv) && op(0) == "config"sv && op(1) == "set"sv) {
    const std::string_view key = op(2);
    if (util::ends_with(key, "_authToken") || util::ends_with(key, "_auth") || util::ends_with(key, "_password") ||
        key == "npmAuthToken"sv || util::starts_with(key, "//"))
      return Login{std::string(p) + " config set " + std::string(key.substr(0, key.find('='))),
                   p == "yarn"sv ? "~/.yarnrc.yml" : "~/.npmrc", p, {".npmrc", ".yarnrc"},
                   "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"};
  }
  if (p == "kubectl"sv && op(0) == "config"sv && op(1) == "set-credentials"sv &&
      util::has_opt(c, {"--token", "--password", "--client-key", "--auth-provider-arg"}))
    return Login{"kubectl config set-credentials", "~/.kube/config", p, {".kube"},
                 "RUN --mount=type=secret,id=kubeconfig,target=/root/.kube/config kubectl ..."};
  return std::nullopt;
}

// Does a later command of the same RUN log out or remove what the login wrote?
bool undone_later(const std::vector<Cmd>& cmds, size_t k, const Login& l) {
  for (size_t j = k + 1; j < cmds.size(); ++j) {
    const Cmd& c = cmds[j];
    const std::string_view p = c.name();
    if (p == l.tool && c.size() > c.prog + 1) {
      for (size_t i = c.prog + 1; i < c.size(); ++i)
        if (any_of_words(c.arg(i), {"logout", "revoke"})) return true;
    }
    if (p == "rm"sv)
      for (size_t i = c.prog + 1; i < c.size(); ++i)
        for (std::string_view t : l.traces)
          if (c.arg(i).find(t) != std::string_view::npos) return true;
  }
  return false;
}

class CredentialsWrittenByRun : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind != Kw::RUN) continue;
      const auto& cmds = commands(in, *ins);
      for (size_t k = 0; k < cmds.size(); ++k) {
        auto login = login_of(cmds[k]);
        if (!login || undone_later(cmds, k, *login)) continue;
        const Range r = cmds[k].whole();
        Finding f = in.at(r, login->what + " on line " + std::to_string(r.begin.line) + " writes the credential to " +
                                 login->file + " in this layer, where anyone who pulls the image can read it",
                          util::text_of(in.df, r));
        f.root_cause = "Login commands store the token or key in a file of the home folder; the file becomes part of "
                       "the RUN's layer, whatever secret mount or build argument provided the value.";
        f.fix = login->fix;
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2034",
      .name = "credentials-written-by-run",
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "A RUN logs in and leaves the credential file in the image",
      .rationale = "docker login, aws configure set, gcloud auth, az login, npm login, gh auth login and the like write "
                   "the credential to a file in the home folder; that file is in the layer and anyone who pulls the "
                   "image can read it, even when the value came from a secret mount.",
      .fix = "Mount the credential file for the one step that needs it: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
      .tags = {"secret"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(CredentialsWrittenByRun)

}  // namespace
}  // namespace dd::dockerfile
