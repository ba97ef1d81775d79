// DD2032: credential files copied into the image (and maybe deleted later,
// which does not remove them from the lower layer).
#include "dockerfile/rule.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/secret_files.h"
#include "dockerfile/rules/start_script.h"

namespace dd::dockerfile {
namespace {

// Variables that name a credential file for a tool (a folder for
// DOCKER_CONFIG, a list for KUBECONFIG).
constexpr std::array<std::string_view, 13> kCredentialVars{
    "GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE", "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE", "AZURE_AUTH_LOCATION", "AZURE_CLIENT_CERTIFICATE_PATH", "HF_TOKEN_PATH", "KUBECONFIG",
    "NPM_CONFIG_USERCONFIG", "DOCKER_CONFIG", "PGPASSFILE", "BOTO_CONFIG", "TF_CLI_CONFIG_FILE"};

struct CredentialPath {
  std::string var;
  std::string path;  // absolute, cleaned
  const Instruction* set_by = nullptr;
};

// The credential files the shipped image's ENV points at.
std::vector<CredentialPath> credential_paths(const LintInput& in, const std::vector<const Instruction*>& chain) {
  std::vector<CredentialPath> out;
  for (const Instruction* ins : chain) {
    if (ins->kind != Kw::ENV) continue;
    for (const auto& kv : ins->pairs) {
      if (std::find(kCredentialVars.begin(), kCredentialVars.end(), kv.key) == kCredentialVars.end()) continue;
      const std::string value = expand(kv.raw_value, in.scope(*ins), in.df.escape).value;
      for (size_t b = 0; b <= value.size();) {
        size_t e = kv.key == "KUBECONFIG"sv ? std::min(value.find(':', b), value.size()) : value.size();
        std::string one = value.substr(b, e - b);
        if (!one.empty() && one.front() == '/') {
          std::string p = clean_path(one);
          if (kv.key == "DOCKER_CONFIG"sv) p = startscript::join_path(p, "config.json");
          out.push_back({kv.key, p, ins});
        }
        b = e + 1;
      }
    }
  }
  return out;
}

// Does this COPY/ADD put a file at `path`? With a build context the exact
// origin is known; without one, a single source named by the destination.
bool writes(const LintInput& in, const std::vector<const Instruction*>& chain, const Instruction* ins,
            const std::string& path) {
  if ((ins->kind != Kw::COPY && ins->kind != Kw::ADD) || ins->args.size() < 2) return false;
  const startscript::CopyPaths& cp = startscript::copy_paths(in, chain, ins);
  if (cp.dest == path) return true;
  if (in.context && !ins->flag("from"))
    if (auto o = startscript::origin_of(in, chain, path); o && o->copy == ins) return true;
  if (!cp.dest_dir) return false;
  for (const auto& src : cp.srcs)
    if (src.rfind("<<", 0) != 0 && startscript::join_path(cp.dest, text::basename(src)) == path) return true;
  return false;
}

class SecretFileCopied : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& all = inc::final_instructions(in);
    for (const auto& cred : credential_paths(in, all)) {
      const Instruction* copy = nullptr;
      for (const Instruction* ins : all)
        if (writes(in, all, ins, cred.path)) copy = ins;  // the last one wins
      if (!copy) continue;
      Finding f = in.at(copy->args.back().range,
                        copy->keyword + " on line " + std::to_string(copy->range.begin.line) + " puts " + cred.path +
                            " into the image, the credential file that " + cred.var + " (line " +
                            std::to_string(cred.set_by->range.begin.line) + ") points at",
                        line_text(in.df, copy->range.begin.line));
      f.root_cause = cred.var + " names a file that holds a key or token; copied into a layer, it ships to everyone "
                                "who pulls the image.";
      f.fix = "Mount it for the steps that need it (RUN --mount=type=secret,id=cred,target=" + cred.path +
              " ...), and give it to the container at run time (a Kubernetes Secret volume, docker run -v " +
              cred.path + ":" + cred.path + ":ro)";
      f.tags = {"secret"};
      out.add(info_, std::move(f));
    }
    for (size_t k = 0; k < all.size(); ++k) {
      const Instruction* ins = all[k];
      if (ins->kind != Kw::COPY && ins->kind != Kw::ADD) continue;
      if (inc::copies_from_stage(*ins)) continue;
      for (const Arg* s : inc::copy_sources(*ins)) {
        if (!inc::is_secret_file(s->text)) continue;
        std::string name(text::basename(s->text));
        int deleted = 0;
        for (size_t j = k + 1; j < all.size() && j < k + 4096 && !deleted; ++j)
          if (all[j]->kind == Kw::RUN && inc::mentions(*all[j], {"rm "}) && inc::mentions(*all[j], {name}))
            deleted = all[j]->range.begin.line;
        std::string msg = ins->keyword + " " + s->text + " on line " + std::to_string(ins->range.begin.line) +
                          " puts a credential file into the image";
        if (deleted)
          msg += "; the RUN rm on line " + std::to_string(deleted) + " hides it but the file still ships in the "
                 "layer of line " + std::to_string(ins->range.begin.line);
        Finding f = in.at(s->range, msg, line_text(in.df, ins->range.begin.line));
        f.root_cause = "Files added by COPY/ADD are stored in their layer forever; a later rm only adds a whiteout.";
        std::string id = text::lower(name);
        while (!id.empty() && id.front() == '.') id.erase(0, 1);
        f.fix = name.rfind("id_", 0) == 0 ? "RUN --mount=type=ssh git clone git@github.com:org/repo.git  (docker "
                                            "build --ssh default)"
                                          : "RUN --mount=type=secret,id=" + id + ",target=/root/" + name +
                                                " <command>   (docker build --secret id=" + id + ",src=" + name + ")";
        f.tags = {"secret"};
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2032",
      .name = "secret-file-copied",
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "Credential file copied into the image",
      .rationale = "COPY id_rsa, .npmrc, .env or *.key ships the credential to everyone who pulls the image, even "
                   "when a later RUN rm deletes it.",
      .fix = "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
      .tags = {"secret"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(SecretFileCopied)

}  // namespace
}  // namespace dd::dockerfile
