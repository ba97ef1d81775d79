// DD2080: the application writes its logs to files inside the container.
#include <fstream>

#include "context/context.h"
#include "dockerfile/shell.h"
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

bool stdio_target(std::string_view t) {
  return t == "-"sv || t.rfind("/dev/std", 0) == 0 || t.rfind("/proc/self/fd/", 0) == 0 || t == "/dev/null"sv ||
         t.rfind("&", 0) == 0 || t == "off"sv || t.rfind("syslog:", 0) == 0 || t == "stderr"sv || t == "stdout"sv ||
         t.rfind("/dev/fd/", 0) == 0;
}

const std::vector<std::string_view> kLogFlags{"--log-file", "--logfile", "--log-path", "--error-logfile",
                                              "--access-logfile", "--log-dir", "-log_dir", "--logpath",
                                              "--log_file", "--log-filename"};

class LogsToFile : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty()) return;
    const auto& all = inc::final_instructions(in);
    auto start = inc::start_command(all);
    const Instruction* owner = start.cmd ? start.cmd : start.entrypoint;
    for (const auto& c : inc::start_commands(in, start)) {
      for (const auto& [op, target] : c.redirects) {
        if (op.find('>') == std::string::npos || shell::duplicates_fd(op, target) || stdio_target(target)) continue;
        report(in, *owner, c.whole(), "redirects its output to " + target, target, out);
        return;
      }
      for (size_t i = 0; i < c.argv.size(); ++i) {
        for (auto flag : kLogFlags) {
          const std::string& a = c.argv[i];
          std::string value;
          if (a == flag && i + 1 < c.argv.size()) value = c.argv[i + 1];
          else if (a.size() > flag.size() && a.rfind(flag, 0) == 0 && a[flag.size()] == '=') value = a.substr(flag.size() + 1);
          else continue;
          if (stdio_target(value)) continue;
          report(in, *owner, c.range(i), "passes " + std::string(flag) + " " + value, value, out);
          return;
        }
      }
    }
    check_server_config(in, chain, all, out);
  }

 private:
  void report(const LintInput& in, const Instruction& owner, const Range& r, const std::string& what,
              const std::string& target, Report& out) const {
    Finding f = in.at(r, owner.keyword + " on line " + std::to_string(owner.range.begin.line) + " " + what +
                             ": docker logs and kubectl logs stay empty and the file grows until the disk fills");
    f.root_cause = "The container runtime collects only stdout and stderr; files inside the container are lost on "
                   "restart and never reach the log pipeline.";
    f.fix = "log to stdout/stderr (drop the redirect), or RUN ln -sf /dev/stdout " + target;
    out.add(info_, std::move(f));
  }

  // Web servers installed from packages, or nginx/httpd images with a custom
  // config that logs to other files.
  void check_server_config(const LintInput& in, const std::vector<const Stage*>& chain,
                           const std::vector<const Instruction*>& all, Report& out) const {
    std::string text;
    for (const Instruction* i : all)
      if (i->kind == Kw::RUN) text += inc::run_text(*i) + "\n";
    bool linked = text::contains(text, "/dev/stdout") || text::contains(text, "/proc/self/fd/1");
    if (linked) return;
    kb::ImageRef base = inc::chain_base(chain);
    for (const Instruction* i : all) {
      if (i->kind == Kw::RUN) {
        for (const auto& c : instruction_commands(in, *i)) {
          size_t p = c.exe;
          if (p >= c.argv.size()) continue;
          auto pc = dd::kb::package_command(c.argv, p);
          if (!pc || !pc->pm->os_packages) continue;
          for (size_t k = p + 1; k < c.argv.size(); ++k) {
            const std::string& a = c.argv[k];
            if (a != "nginx"sv && a != "apache2"sv && a != "httpd"sv) continue;
            Finding f = in.at(c.range(k), a + " installed from packages on line " + std::to_string(i->range.begin.line) +
                                               " logs to /var/log/" + (a == "httpd"sv ? "httpd" : a) +
                                               " files, and nothing links them to stdout/stderr");
            f.root_cause = "Distribution packages configure file logging; only the official server images symlink "
                           "their logs to the container's stdout.";
            f.fix = a == "nginx"sv ? "RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr "
                                   "/var/log/nginx/error.log"
                                 : "RUN ln -sf /dev/stdout /var/log/apache2/access.log && ln -sf /dev/stderr "
                                   "/var/log/apache2/error.log";
            out.add(info_, std::move(f));
            return;
          }
        }
      }
      if (!in.context || (base.path != "nginx"sv && base.path != "httpd"sv) || (i->kind != Kw::COPY && i->kind != Kw::ADD) ||
          inc::copies_from_stage(*i))
        continue;
      for (const Arg* s : inc::copy_sources(*i)) {
        if (!s->text.ends_with(".conf")) continue;
        std::string path = conf_log_path(in, s->text);
        if (path.empty()) continue;
        Finding f = in.at(s->range, s->text + " (COPY on line " + std::to_string(i->range.begin.line) +
                                        ") writes logs to " + path + ", which is not linked to stdout/stderr");
        f.root_cause = "The official image links only its default log files to stdout; a custom log path is a plain "
                       "file inside the container.";
        f.fix = "access_log /dev/stdout;  error_log /dev/stderr;  (or RUN ln -sf /dev/stdout " + path + ")";
        out.add(info_, std::move(f));
        return;
      }
    }
  }

  static std::string conf_log_path(const LintInput& in, const std::string& src) {
    std::error_code ec;
    auto file = in.context->root() / src;
    if (!std::filesystem::is_regular_file(file, ec) || std::filesystem::file_size(file, ec) > (1u << 20)) return {};
    std::ifstream f(file);
    std::string line;
    while (std::getline(f, line)) {
      size_t b = line.find_first_not_of(" \t");
      if (b == std::string::npos || line[b] == '#') continue;
      std::string_view l(line);
      l.remove_prefix(b);
      for (std::string_view d : {"access_log", "error_log", "CustomLog", "ErrorLog"}) {
        if (l.rfind(d, 0) != 0 || l.size() <= d.size() || (l[d.size()] != ' ' && l[d.size()] != '\t')) continue;
        std::string_view v = l.substr(d.size());
        size_t s = v.find_first_not_of(" \t\"");
        if (s == std::string_view::npos) continue;
        v.remove_prefix(s);
        std::string path(v.substr(0, v.find_first_of(" \t;\"")));
        if (stdio_target(path) || path == "/var/log/nginx/access.log"sv || path == "/var/log/nginx/error.log"sv) continue;
        return path;
      }
    }
    return {};
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2080",
      .name = "logs-to-file",
      .category = Category::logging,
      .severity = Severity::warning,
      .summary = "Application logs written to files in the container",
      .rationale = "Logs in files are invisible to docker logs, kubectl logs and the cluster's log shipper, vanish "
                   "with the container, and fill the writable layer or fail on a read-only root filesystem.",
      .fix = "CMD [\"gunicorn\", \"--access-logfile\", \"-\", \"--error-logfile\", \"-\", \"app:app\"]",
      .tags = {"logs"},
  });
};

DD_DOCKERFILE_RULE(LogsToFile)

}  // namespace
}  // namespace dd::dockerfile
