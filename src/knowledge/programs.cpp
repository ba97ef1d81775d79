#include "knowledge/programs.h"
#include "core/text.h"

#include <algorithm>
#include <cctype>

namespace dd::kb {

using namespace std::string_view_literals;
namespace {

using SV = std::string_view;

// ---- the tables ----------------------------------------------------------------

const std::vector<Wrapper> kWrappers{
    // program        short opts with a value   long opts with a value                       operands assign dashdash
    {"sudo", "ugCDhprtUT", {"--user", "--group", "--close-from", "--chdir", "--host", "--prompt", "--role", "--type"}},
    {"env", "uCS", {"--unset", "--chdir", "--split-string"}, 0, true},
    {"exec", "a", {}},
    {"nohup", "", {}},
    {"command", "", {}},
    {"builtin", "", {}},
    {"time", "fo", {"--format", "--output"}},
    {"nice", "n", {"--adjustment"}},
    {"ionice", "cnpP", {"--class", "--classdata", "--pid", "--pgid", "--uid"}},
    {"setsid", "", {}},
    {"stdbuf", "ioe", {"--input", "--output", "--error"}},
    {"timeout", "sk", {"--signal", "--kill-after"}, 1},
    {"chroot", "", {"--userspec", "--groups"}, 1},
    {"gosu", "", {}, 1},
    {"su-exec", "", {}, 1},
    {"s6-setuidgid", "", {}, 1},
    {"setuidgid", "", {}, 1},
    {"chpst", "ugUb/nlmdofcpr", {}},
    {"runuser", "ugG", {"--user", "--group", "--supp-group"}},
    {"setpriv", "", {"--reuid", "--regid", "--groups", "--inh-caps", "--ambient-caps", "--bounding-set",
                     "--securebits", "--selinux-label", "--apparmor-profile"}},
    {"tini", "sglpe", {}, 0, false, true},
    {"dumb-init", "", {"--rewrite"}, 0, false, true},
    {"catatonit", "", {}, 0, false, true},
    {"xargs", "EeIiLlnPsad", {"--eof", "--replace", "--max-lines", "--max-args", "--max-procs", "--max-chars",
                              "--arg-file", "--delimiter", "--process-slot-var"}},
};

const std::vector<Daemon> kDaemons{
    {"nginx", true, {"daemon off"}, {"daemon on"}, "nginx -g 'daemon off;'"},
    {"httpd", true, {"-DFOREGROUND", "-D FOREGROUND", "-X"}, {}, "httpd -DFOREGROUND"},
    {"apache2", true, {"-DFOREGROUND", "-D FOREGROUND", "-X"}, {}, "apache2 -DFOREGROUND"},
    {"apachectl", false, {"-DFOREGROUND", "-D FOREGROUND"}, {"start", "restart", "graceful"}, "apachectl -D FOREGROUND"},
    {"apache2ctl", false, {"-DFOREGROUND", "-D FOREGROUND"}, {"start", "restart", "graceful"},
     "apache2ctl -D FOREGROUND"},
    {"php-fpm", true, {"-F", "--nodaemonize"}, {"-D", "--daemonize"}, "php-fpm -F", {"php:fpm"}},
    {"redis-server", false, {}, {"--daemonize yes"}, "redis-server --daemonize no"},
    {"pg_ctl", false, {}, {"start", "restart"}, "postgres -D \"$PGDATA\""},
    {"pg_ctlcluster", false, {"--foreground"}, {"start", "restart"}, "postgres -D \"$PGDATA\""},
    {"service", false, {}, {"start", "restart"}, "run the service's own binary in the foreground", {},
     "starts the service through its init script, which forks it into the background and returns"},
    {"systemctl", false, {}, {"start", "restart"}, "run the service's own binary in the foreground", {},
     "asks systemd, which does not run in a container, to start the service in the background"},
    {"sshd", true, {"-D"}, {}, "/usr/sbin/sshd -D -e"},
    {"cron", true, {"-f"}, {}, "cron -f"},
    {"crond", true, {"-f"}, {}, "crond -f"},
    {"rsyslogd", true, {"-n"}, {}, "rsyslogd -n"},
    {"dnsmasq", true, {"-k", "--keep-in-foreground", "-d", "--no-daemon"}, {}, "dnsmasq -k"},
    {"mongod", false, {}, {"--fork"}, "mongod (without --fork)"},
    {"memcached", false, {}, {"-d", "--daemon"}, "memcached (without -d)"},
    {"haproxy", false, {}, {"-D"}, "haproxy -db -f /usr/local/etc/haproxy/haproxy.cfg"},
    {"gunicorn", false, {}, {"-D", "--daemon"}, "gunicorn (without --daemon)"},
    {"uwsgi", false, {}, {"--daemonize", "-d"}, "uwsgi (without --daemonize)"},
    {"unicorn", false, {}, {"-D", "--daemonize"}, "unicorn (without -D)"},
    {"postfix", false, {}, {"start"}, "postfix start-fg"},
    {"pm2", false, {}, {"start"}, "pm2-runtime start ecosystem.config.js"},
    {"forever", false, {}, {"start"}, "node server.js"},
    {"mysqld_safe", false, {}, {"--daemonize"}, "mysqld"},
    {"mysqld", false, {}, {"--daemonize"}, "mysqld"},
    {"lighttpd", true, {"-D"}, {}, "lighttpd -D -f /etc/lighttpd/lighttpd.conf"},
    {"squid", true, {"-N"}, {}, "squid -N"},
    {"named", true, {"-f", "-g"}, {}, "named -g"},
    {"ntpd", true, {"-n", "-d"}, {}, "ntpd -n"},
    {"varnishd", true, {"-F", "-d"}, {}, "varnishd -F"},
    {"smbd", true, {"-F", "--foreground", "-i", "--interactive"}, {}, "smbd --foreground --no-process-group"},
    {"dovecot", true, {"-F"}, {}, "dovecot -F"},
    {"privoxy", true, {"--no-daemon"}, {}, "privoxy --no-daemon /etc/privoxy/config"},
    {"mosquitto", false, {}, {"-d", "--daemon"}, "mosquitto -c /mosquitto/config/mosquitto.conf"},
    {"openvpn", false, {}, {"--daemon"}, "openvpn (without --daemon)"},
    {"tor", false, {}, {"--RunAsDaemon 1"}, "tor --RunAsDaemon 0"},
    {"avahi-daemon", false, {}, {"-D", "--daemonize"}, "avahi-daemon (without -D)"},
};

const std::vector<SV> kServers{
    "node",       "nodejs",     "deno",        "bun",          "gunicorn",       "uvicorn",       "hypercorn",
    "daphne",     "waitress-serve", "nginx",   "httpd",        "apache2",        "apachectl",     "apache2ctl",
    "php-fpm",    "redis-server", "postgres",  "mysqld",       "mysqld_safe",    "mongod",        "memcached",
    "rabbitmq-server", "caddy", "traefik",     "envoy",        "haproxy",        "puma",          "unicorn",
    "rackup",     "thin",       "dotnet",      "catalina.sh",  "java",           "consul",        "vault",
    "nats-server", "grafana-server", "prometheus", "sshd",     "uwsgi",          "celery",        "sidekiq",
    "pm2-runtime", "serve",     "http-server", "nodemon",      "kafka-server-start.sh", "elasticsearch", "nginx-debug",
    "httpd-foreground", "apache2-foreground", "docker-entrypoint.sh", "flask", "streamlit", "jupyter", "airflow",
    "supervisord", "s6-svscan", "runsvdir",    "tomcat",       "jetty",          "minio",         "gitea"};

const std::vector<SV> kOneShot{"echo",  "printf", "ls",    "true",   "false", "cat",   "env",  "printenv", "pwd",
                               "date",  "whoami", "id",    "uname",  "hostname", "exit", "test", "which",   "cp",
                               "mkdir", "chmod",  "chown", "tar",    "make",  "apt-get", "apk", "pip",     "pip3",
                               "sh",    "bash",   "ash",   "dash",   "zsh",   "mvn",    "gradle", "go",    "cargo",
                               "javac", "gcc",    "tsc",   "webpack", "ln",   "rm",    "touch"};

const std::vector<SV> kSupervisors{"supervisord", "s6-svscan", "runsvdir", "runit", "circusd", "s6-overlay",
                                   "monit",       "honcho",    "foreman", "overmind", "multirun", "concurrently"};

// ---- helpers -------------------------------------------------------------------

bool is_flag(SV a) { return a.size() > 1 && a.front() == '-'; }

using dd::text::lower;

// Where a marker is in argv [from, ...): the index of its (first) word, or npos.
size_t find_marker(const std::vector<std::string>& argv, size_t from, SV marker) {
  if (marker.find(' ') == SV::npos) {
    bool flag = marker.front() == '-';
    for (size_t i = from; i < argv.size(); ++i) {
      SV a = argv[i];
      if (a == marker) return i;
      if (flag && a.size() > marker.size() && a.starts_with(marker) && a[marker.size()] == '=') return i;
    }
    return SV::npos;
  }
  // A phrase: "--daemonize yes", "daemon off": in the joined argument text,
  // case-insensitively (nginx reads "daemon off;" inside -g '...').
  std::string joined;
  std::vector<size_t> starts;
  for (size_t i = from; i < argv.size(); ++i) {
    starts.push_back(joined.size());
    joined += lower(argv[i]) + " ";
  }
  std::string m = lower(marker);
  size_t at = joined.find(m);
  if (at == std::string::npos) {
    // --name=value form of a "--name value" phrase
    size_t sp = m.find(' ');
    if (m.front() == '-' && sp != std::string::npos) at = joined.find(m.substr(0, sp) + "=" + m.substr(sp + 1));
    if (at == std::string::npos) return SV::npos;
  }
  size_t k = std::upper_bound(starts.begin(), starts.end(), at) - starts.begin();
  return from + (k ? k - 1 : 0);
}

bool image_matches(SV pattern, SV path, SV tag) {
  size_t colon = pattern.find(':');
  SV img = pattern.substr(0, colon);
  if (img != path) return false;
  if (colon == SV::npos) return true;
  std::string t = lower(tag);
  return t.find(pattern.substr(colon + 1)) != std::string::npos;
}

bool negated_value(const std::vector<std::string>& argv, size_t i) {
  std::string v;
  size_t eq = argv[i].find('=');
  if (eq != std::string::npos) v = lower(SV(argv[i]).substr(eq + 1));
  else if (i + 1 < argv.size()) v = lower(argv[i + 1]);
  return v == "no" || v == "false" || v == "off" || v == "0";
}

std::string show(const std::vector<std::string>& argv, size_t from, size_t max_words) {
  std::string out;
  for (size_t i = from; i < argv.size() && i < from + max_words; ++i) out += (out.empty() ? "" : " ") + argv[i];
  if (argv.size() > from + max_words) out += " ...";
  return out;
}

}  // namespace

// ---- wrappers ------------------------------------------------------------------

std::span<const Wrapper> wrappers() { return kWrappers; }

std::string_view program_name(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  if (size_t slash = p.rfind('/'); slash != SV::npos) p.remove_prefix(slash + 1);
  return p;
}

const Wrapper* wrapper(std::string_view program) {
  SV p = program_name(program);
  for (const auto& w : kWrappers)
    if (w.program == p) return &w;
  return nullptr;
}

size_t real_program(std::span<const std::string_view> v) {
  size_t i = 0;
  for (int guard = 0; guard < 16 && i < v.size(); ++guard) {
    SV p = program_name(v[i]);
    if (p.empty()) break;
    const Wrapper* w = wrapper(p);
    if (!w) {
      // FOO=bar cmd
      if (p.find('=') != SV::npos && !is_flag(p) && i + 1 < v.size() && v[i].find('/') == SV::npos) {
        ++i;
        continue;
      }
      break;
    }
    ++i;
    // Options, with the values of those that take one.
    while (i < v.size() && is_flag(v[i])) {
      SV f = v[i++];
      if (f == "--"sv) break;
      if (f.starts_with("--")) {
        if (f.find('=') == SV::npos &&
            std::find(w->long_with_value.begin(), w->long_with_value.end(), f) != w->long_with_value.end() &&
            i < v.size())
          ++i;
        continue;
      }
      // -u USER, but -uUSER and -oL carry their value.
      if (f.size() == 2 && w->short_with_value.find(f[1]) != SV::npos && i < v.size()) ++i;
    }
    if (w->assignments)
      while (i < v.size() && v[i].find('=') != SV::npos && !is_flag(v[i])) ++i;
    for (int k = 0; k < w->operands && i < v.size(); ++k) ++i;
  }
  return i;
}

size_t real_program(const std::vector<std::string>& argv) {
  std::vector<SV> v(argv.begin(), argv.end());
  return real_program(std::span<const SV>(v));
}

// ---- option matcher ------------------------------------------------------------

bool option_matches(std::string_view w, std::string_view n) {
  if (!is_flag(w)) return false;
  if (w == n) return true;
  if (n.starts_with("--") && w.starts_with(n) && w.size() > n.size() && w[n.size()] == '=') return true;
  if (n.size() == 2 && n[0] == '-' && n[1] != '-' && w[1] != '-') {
    // A bundle such as -qy or -qO-: letters up to the one we look for.
    size_t p = w.find(n[1], 1);
    if (p != SV::npos && std::all_of(w.begin() + 1, w.begin() + static_cast<long>(p) + 1,
                                     [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); }))
      return true;
  }
  return false;
}

bool has_option(std::span<const std::string_view> words, size_t from, std::span<const std::string_view> names) {
  for (size_t i = from; i < words.size(); ++i) {
    SV w = words[i];
    if (w == "--"sv) break;
    for (SV n : names)
      if (option_matches(w, n)) return true;
  }
  return false;
}

bool has_option(const std::vector<std::string>& argv, size_t from, std::initializer_list<std::string_view> names) {
  std::vector<SV> v(argv.begin(), argv.end());
  return has_option(std::span<const SV>(v), from, std::span<const SV>(names.begin(), names.size()));
}

// ---- daemons -------------------------------------------------------------------

std::span<const Daemon> daemons() { return kDaemons; }

const Daemon* daemon(std::string_view program) {
  SV p = program_name(program);
  if (p.starts_with("php-fpm")) p = "php-fpm";  // php-fpm8.2
  for (const auto& d : kDaemons)
    if (d.program == p) return &d;
  return nullptr;
}

bool daemon_backgrounds(const Daemon& d, const std::vector<std::string>& argv, size_t prog) {
  for (SV f : d.foreground)
    if (find_marker(argv, prog + 1, f) != SV::npos) return false;
  for (SV b : d.background)
    if (find_marker(argv, prog + 1, b) != SV::npos) return true;
  return d.by_default;
}

std::optional<Daemonizing> daemonizing(const std::vector<std::string>& argv, std::string_view image_path,
                                       std::string_view image_tag) {
  size_t p = real_program(argv);
  if (p >= argv.size()) return std::nullopt;
  SV prog = program_name(argv[p]);
  Daemonizing out;
  out.word = p;
  if (SV(argv[p]).starts_with("/etc/init.d/") && p + 1 < argv.size() &&
      (argv[p + 1] == "start"sv || argv[p + 1] == "restart"sv)) {
    out.word = p + 1;
    out.flag = argv[p + 1];
    out.why = argv[p] + " " + argv[p + 1] + " forks the service and returns";
    out.fix = "run the service binary in the foreground with exec";
    return out;
  }
  if (prog == "httpd"sv) {
    // busybox httpd: -f is "stay in the foreground" (Apache's -f takes a file).
    for (size_t i = p + 1; i < argv.size(); ++i)
      if (argv[i] == "-f"sv && (i + 1 == argv.size() || argv[i + 1].rfind('-', 0) == 0)) return std::nullopt;
  }
  if (const Daemon* d = daemon(prog)) {
    for (SV f : d->foreground)
      if (find_marker(argv, p + 1, f) != SV::npos) return std::nullopt;
    // An explicit daemonize flag or setting sends it away on any base.
    for (SV b : d->background) {
      size_t at = find_marker(argv, p + 1, b);
      if (at == SV::npos) continue;
      out.word = at;
      out.flag = std::string(b);
      out.why = !d->note.empty() ? std::string(prog) + " " + std::string(b) + " " + std::string(d->note)
                                 : std::string(prog) + " " + std::string(b) +
                                       " forks into the background and the foreground process exits";
      out.fix = std::string(d->fix);
      return out;
    }
    if (!d->by_default) return std::nullopt;
    if (prog == "httpd"sv && (find_marker(argv, p + 1, "-p") != SV::npos || find_marker(argv, p + 1, "-h") != SV::npos)) {
      // busybox httpd (-p PORT, -h HOME): -f keeps it in front.
      out.why = show(argv, p, 3) + " (busybox httpd) forks into the background unless started with -f, and the "
                "foreground process exits";
      out.fix = "httpd -f";
      for (size_t i = p + 1; i < argv.size(); ++i) out.fix += " " + argv[i];
      return out;
    }
    for (SV img : d->foreground_images)
      if (image_matches(img, image_path, image_tag)) return std::nullopt;
    std::string how = d->foreground.empty() ? std::string() : " unless started with " + std::string(d->foreground[0]);
    out.why = show(argv, p, 3) + " forks into the background" + how + ", and the foreground process exits";
    out.fix = std::string(d->fix);
    return out;
  }
  // Any program: a --daemon / --daemonize flag that is not switched off.
  for (size_t i = p + 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if ((a == "--daemon"sv || a == "--daemonize"sv || a.rfind("--daemon=", 0) == 0 || a.rfind("--daemonize=", 0) == 0) &&
        !negated_value(argv, i)) {
      out.word = i;
      out.flag = a.substr(0, a.find('='));
      out.why = std::string(prog) + " " + a + " detaches from the terminal and the foreground process exits";
      out.fix = std::string(prog) + " without " + out.flag;
      return out;
    }
  }
  return std::nullopt;
}

// ---- servers, one-shot programs, supervisors -----------------------------------

std::span<const std::string_view> server_programs() { return kServers; }
std::span<const std::string_view> one_shot_programs() { return kOneShot; }
std::span<const std::string_view> supervisors() { return kSupervisors; }

bool is_server_program(std::string_view program) {
  SV p = program_name(program);
  if (p.starts_with("php-fpm")) return true;
  return std::find(kServers.begin(), kServers.end(), p) != kServers.end();
}

bool is_server_command(const std::vector<std::string>& argv) {
  size_t i = real_program(argv);
  if (i >= argv.size()) return false;
  SV prog = program_name(argv[i]);
  auto arg = [&](size_t k) -> SV { return i + k < argv.size() ? SV(argv[i + k]) : SV(); };
  if (prog == "npm"sv || prog == "yarn"sv || prog == "pnpm"sv || prog == "bun"sv) {
    SV a = arg(1) == "run"sv ? arg(2) : arg(1);
    return a == "start"sv || a == "serve"sv || a == "dev"sv || a == "start:prod"sv || a == "preview"sv;
  }
  if (prog.starts_with("python")) {
    if (arg(1) == "-m"sv) return !arg(2).empty() && arg(2) != "pip"sv && arg(2) != "compileall"sv && arg(2) != "pytest"sv;
    SV s = arg(1);
    return !s.empty() && s != "setup.py"sv && s.front() != '-' && s.find("migrate") == SV::npos;
  }
  if (prog == "php"sv) return arg(1) == "-S"sv || arg(1) == "artisan"sv;
  if (prog == "ruby"sv || prog == "perl"sv) return !arg(1).empty() && arg(1).front() != '-';
  if (prog == "rails"sv) return arg(1) == "server"sv || arg(1) == "s"sv;
  if (prog == "flask"sv) return arg(1) == "run"sv;
  return is_server_program(prog);
}

bool is_one_shot_command(const std::vector<std::string>& argv) {
  size_t i = real_program(argv);
  if (i >= argv.size()) return false;
  SV prog = program_name(argv[i]);
  auto arg = [&](size_t k) -> SV { return i + k < argv.size() ? SV(argv[i + k]) : SV(); };
  if (prog == "sh"sv || prog == "bash"sv || prog == "ash"sv || prog == "dash"sv || prog == "zsh"sv)
    return argv.size() == i + 1;  // an interactive shell with no TTY reads EOF and exits
  if (prog == "npm"sv || prog == "yarn"sv || prog == "pnpm"sv) {
    SV a = arg(1) == "run"sv ? arg(2) : arg(1);
    return a == "build"sv || a == "test"sv || a == "install"sv || a == "ci"sv || a == "lint"sv || a == "i"sv;
  }
  if (prog.starts_with("python")) return arg(1) == "setup.py"sv || (arg(1) == "-m"sv && arg(2) == "pip"sv);
  if (prog == "go"sv) return arg(1) == "build"sv || arg(1) == "version"sv || arg(1) == "test"sv;
  if (prog == "sleep"sv) return arg(1) != "infinity"sv && arg(1) != "inf"sv;
  if (prog == "tail"sv) return !(arg(1) == "-f"sv || arg(1) == "-F"sv);
  return std::find(kOneShot.begin(), kOneShot.end(), prog) != kOneShot.end();
}

bool is_supervisor(std::string_view program) {
  SV p = program_name(program);
  return std::find(kSupervisors.begin(), kSupervisors.end(), p) != kSupervisors.end();
}

}  // namespace dd::kb
