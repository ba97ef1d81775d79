// DD2050: the final image runs as root. DD2051: USER names a user that is
// never created.
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/development.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/local_image.h"
#include "knowledge/images.h"

namespace dd::dockerfile {
namespace {

const RuleInfo& unknown_user_info() {
  static const RuleInfo& r = Rules::add({
      .id = "DD2051",
      .name = "user-not-created",
      .category = Category::runs_as_root,
      .severity = Severity::error,
      .summary = "USER names a user that does not exist",
      .rationale = "The container fails at start with 'unable to find user app: no matching entries in passwd "
                   "file'; teams then \"fix\" it by dropping USER and running as root.",
      .fix = "RUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app",
      .tags = {"user"},
  });
  return r;
}

// Users that exist in common base images.
bool known_user(const std::string& user, const kb::ImageRef& base) {
  for (std::string_view u : {"ContainerUser", "ContainerAdministrator", "root", "nobody", "daemon", "bin", "sys", "www-data", "nonroot", "operator", "guest",
                             "mail", "news", "games", "sync", "man", "lp", "proxy", "backup", "list"})
    if (user == u) return true;
  // The users official images create (knowledge/images.h).
  return dd::kb::image_has_user(base, user);
}

bool numeric(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class RunsAsRoot : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty() || chain.back()->from_index >= in.df.instructions.size() ||
        chain.front()->from_index >= in.df.instructions.size())
      return;
    const auto& all = inc::final_instructions(in);
    kb::ImageRef base = inc::chain_base(chain);
    const Instruction* user = stage_graph(in).user();
    std::string name;
    if (user && !user->args.empty()) {
      name = expand(user->args.front().text, in.scope(*user), in.df.escape).value;
      name = name.substr(0, name.find(':'));
    }
    const auto& real = local::final_base(in);
    if (!user) {
      if (real && local::runs_as_non_root(*real)) return;  // the base's own USER still applies
      const dd::kb::ImageUser* row = dd::kb::image_user(base);
      if (!real && row && row->runs == dd::kb::ImageRuns::as_user) return;  // its Dockerfile ends with USER
      if (inc::is_scratch(base) || text::contains(base.tag, "nonroot") || base.registry == "cgr.dev"sv ||
          base.path.rfind("bitnami/", 0) == 0 || text::contains(base.path, "unprivileged") ||
          chain.front()->base_expanded.find('$') != std::string::npos)
        return;
      auto cmds = inc::start_commands(in, inc::start_command(all));
      for (const auto& c : cmds)
        for (const auto& a : c.argv)
          if (a == "gosu"sv || a == "su-exec"sv || a == "setpriv"sv || a == "runuser"sv || a == "chpst"sv) return;
      const Instruction& from = in.df.instructions[chain.back()->from_index];
      const std::string where = "the final stage (FROM on line " + std::to_string(from.range.begin.line) + ") has no USER";
      if (windows(in, chain, all, base)) {
        // nanoserver already runs as ContainerUser; servercore and the full
        // Windows images as ContainerAdministrator. No useradd there.
        if (text::contains(base.path, "nanoserver") || text::contains(base.tag, "nanoserver")) return;
        Finding f = in.at(from, where + ", so the Windows container runs as ContainerAdministrator");
        f.root_cause = "Windows Server Core images start as ContainerAdministrator; the built-in ContainerUser "
                       "account has no administrator rights.";
        f.fix = "USER ContainerUser";
        out.add(info_, std::move(f));
        return;
      }
      Finding f = in.at(from, where + ", so the app runs as root");
      f.root_cause = "Without USER the process runs as uid 0; clusters with runAsNonRoot refuse it, and any exploit "
                     "gets root in the container.";
      f.fix = fix_for(base);
      // Official-image style: a server whose master starts as root to bind
      // its port and runs its workers as an unprivileged user, or a base
      // image that starts a shell/REPL and leaves USER to the images built
      // FROM it (docker-library/php). Worth knowing, not a warning.
      std::string why = left_to_users(in, all, cmds, base);
      if (!why.empty()) {
        f.message = where + ": " + why;
        f.severity = Severity::info;
      }
      development(in, f);
      out.add(info_, std::move(f));
      return;
    }
    if (name == "root"sv || name == "0"sv) {
      Finding f = in.at(user->args.front().range, "USER " + name + " on line " + std::to_string(user->range.begin.line) +
                                                      " is the last USER, so the app runs as root");
      f.root_cause = "The image switches to root (often for an install step) and never switches back.";
      f.fix = fix_for(base);
      development(in, f);
      out.add(info_, std::move(f));
      return;
    }
    if (name.empty() || numeric(name) || name.find('$') != std::string::npos) return;
    // The base's /etc/passwd when the engine holds it, else the users of common bases.
    std::optional<bool> in_base = real ? local::has_user(*real, name) : std::nullopt;
    if (in_base ? *in_base : known_user(name, base)) return;
    if (created(in, all, name)) return;
    const std::string of = in_base ? "in /etc/passwd of " + real->ref
                                   : "of " + (base.path.empty() ? std::string("the base") : base.path);
    Finding f = in.at(user->args.front().range, "USER " + name + " on line " + std::to_string(user->range.begin.line) +
                                                    " is never created (no useradd/adduser in the image, not a user " +
                                                    of + ")");
    f.root_cause = "The engine cannot resolve the name to a uid, so the container fails at start.";
    f.fix = inc::is_alpine_like(base) ? "RUN addgroup -S " + name + " && adduser -S -G " + name + " " + name
                                      : "RUN groupadd --system " + name + " && useradd --system --gid " + name + " " +
                                            name;
    out.add(unknown_user_info(), std::move(f));
  }

 private:
  // A Windows base: mcr.microsoft.com/windows/..., a servercore/nanoserver
  // tag, or a stage that runs PowerShell or cmd as its SHELL.
  static bool windows(const LintInput& in, const std::vector<const Stage*>& chain,
                      const std::vector<const Instruction*>& all, const kb::ImageRef& base) {
    (void)chain;
    for (std::string_view w : {"windows", "servercore", "nanoserver", "ltsc20"})
      if (text::contains(base.path, w) || text::contains(base.tag, w)) return true;
    if (base.registry == "mcr.microsoft.com"sv && base.path.rfind("windows", 0) == 0) return true;
    for (const Instruction* i : all) {
      if (i->kind != Kw::SHELL || i->args.empty()) continue;
      std::string prog = i->args.front().text;
      for (char& ch : prog) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (text::contains(prog, "powershell") || text::contains(prog, "pwsh") || text::contains(prog, "cmd.exe") ||
          prog == "cmd"sv)
        return true;
    }
    (void)in;
    return false;
  }

  // Why an image deliberately leaves USER to its users, or "".
  static std::string left_to_users(const LintInput& in, const std::vector<const Instruction*>& all,
                                   const std::vector<Cmd>& cmds, const kb::ImageRef& base) {
    (void)in;
    // A server image whose entrypoint drops to its user itself (postgres,
    // redis, mysql...), started as the base starts it.
    if (const dd::kb::ImageUser* row = dd::kb::image_user(base);
        row && (row->runs == dd::kb::ImageRuns::drops_itself || row->runs == dd::kb::ImageRuns::needs_root)) {
      bool own_start = false;
      for (const Instruction* i : all)
        if (i->kind == Kw::CMD || i->kind == Kw::ENTRYPOINT) own_start = true;
      if (!own_start && row->runs == dd::kb::ImageRuns::needs_root)
        return "the " + base.path + ":" + base.tag + " entrypoint runs dockerd, which needs root; the -rootless variant "
               "runs it as user " + std::string(row->user);
      if (!own_start)
        return "the " + base.path + " entrypoint starts as root and runs the server as user " + std::string(row->user) +
               " itself";
    }
    // The program the container starts, after an entrypoint script.
    std::string prog;
    for (const auto& c : cmds) {
      size_t p = c.exe;
      if (p >= c.argv.size()) continue;
      std::string_view b = text::basename(c.argv[p]);
      if (text::contains(b, "entrypoint") && &c != &cmds.back()) continue;
      prog = std::string(b);
      if (!text::contains(b, "entrypoint")) break;
    }
    if (prog.empty()) {
      // No start command of its own: the base's (nginx, httpd, php:*-fpm/apache).
      if (base.path == "nginx"sv || base.path == "httpd"sv || base.path == "php"sv) prog = base.path;
      if (base.path == "php"sv) prog = text::contains(base.tag, "fpm") ? "php-fpm" : text::contains(base.tag, "apache") ? "apache2" : "";
    }
    static const std::string_view kDropping[] = {"php-fpm", "apache2-foreground", "httpd-foreground", "apache2",
                                                 "apache2ctl", "httpd", "nginx", "haproxy", "lighttpd"};
    for (auto d : kDropping)
      if (prog == d || (d == "php-fpm"sv && prog.rfind("php-fpm", 0) == 0))
        return prog + " starts its master as root and runs its workers as an unprivileged user itself";
    // A shell or interactive interpreter: an image meant to be built FROM.
    bool repl = false;
    for (const auto& c : cmds) {
      size_t p = c.exe;
      if (p >= c.argv.size()) continue;
      std::string_view b = text::basename(c.argv[p]);
      size_t rest = c.argv.size() - p - 1;
      if ((b == "sh"sv || b == "bash"sv || b == "ash"sv || b == "zsh"sv) && rest == 0) repl = true;
      if ((b == "php"sv && rest == 1 && c.argv[p + 1] == "-a"sv) ||
          ((b == "python"sv || b == "python3"sv || b == "node"sv || b == "irb"sv || b == "jshell"sv || b == "php"sv) &&
           rest == 0))
        repl = true;
    }
    if (repl) return "it starts an interactive shell, as a base image that leaves USER to the images built FROM it";
    return {};
  }

  // A development image (its target stage or file is named dev, dev-envs,
  // test, ci...) does not ship: root there is worth knowing, not a warning.
  static void development(const LintInput& in, Finding& f) {
    std::string dev = dev::development_target(in);
    if (dev.empty()) return;
    f.message += ", in a development image (" + dev + ") that does not ship";
    f.severity = Severity::info;
  }

  static std::string fix_for(const kb::ImageRef& base) {
    // What the image's own users do (nginx-unprivileged, USER node, USER www-data).
    if (const dd::kb::ImageUser* row = dd::kb::image_user(base); row && !row->fix.empty())
      if (std::string fix = dd::kb::image_user_fix(*row, base); !fix.empty()) return fix;
    if (inc::is_distroless(base)) return "FROM " + base.path + ":nonroot";
    if (inc::is_alpine_like(base)) return "RUN addgroup -S app && adduser -S -G app app\nUSER app";
    return "RUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app";
  }

  static bool created(const LintInput& in, const std::vector<const Instruction*>& all, const std::string& name) {
    for (const Instruction* i : all) {
      if ((i->kind == Kw::COPY || i->kind == Kw::ADD)) {
        for (const Arg* s : inc::copy_sources(*i))
          if (text::contains(s->text, "/etc/passwd")) return true;
        continue;
      }
      if (i->kind != Kw::RUN) continue;
      if (inc::mentions(*i, {"useradd", "adduser", "/etc/passwd"}) && inc::mentions(*i, {name})) return true;
      // A package installed here creates the user (apk add tor, apt-get install mpd).
      for (const auto& c : instruction_commands(in, *i)) {
        auto pc = dd::kb::package_command(c.argv, c.exe);
        if (!pc || !pc->pm->os_packages || pc->action != dd::kb::PkgAction::install) continue;
        for (size_t k : pc->operands)
          if (dd::kb::package_creates_user(dd::kb::package_name(*pc->pm, c.argv[k]), name)) return true;
      }
    }
    return false;
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2050",
      .name = "runs-as-root",
      .category = Category::runs_as_root,
      .severity = Severity::warning,
      .summary = "Final image runs as root",
      .rationale = "Pods with runAsNonRoot: true are rejected (CreateContainerConfigError), and a compromised process "
                   "has root inside the container.",
      .fix = "RUN groupadd --system app && useradd --system --gid app app\nUSER app",
      .aliases = {"DL3002", "DS002", "AVD-DS-0002"},
      .tags = {"user"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(RunsAsRoot)
[[maybe_unused]] const RuleInfo& kUnknownUser = unknown_user_info();

}  // namespace
}  // namespace dd::dockerfile
