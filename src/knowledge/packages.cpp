#include "knowledge/packages.h"
#include "knowledge/command.h"
#include "core/text.h"

#include <algorithm>
#include <cctype>

namespace dd::kb {

using namespace std::string_view_literals;
namespace {

using SV = std::string_view;
using A = PkgAction;

// ---- the table -------------------------------------------------------------------

// Options that take a value, shared by the rpm front ends (dnf, dnf5, yum, tdnf).
#define DD_RPM_WITH_VALUE                                                                                         \
  "-c", "--config", "--enablerepo", "--disablerepo", "--repo", "--repoid", "--installroot", "--releasever", "-x", \
      "--exclude", "--setopt", "-d", "--debuglevel", "-e", "--errorlevel", "--forcearch", "--downloaddir",         \
      "--destdir", "--comment", "--color", "--repofrompath", "--setvar"
#define DD_RPM_SUBCOMMANDS                                                                                          \
  {"install", A::install}, {"in", A::install}, {"reinstall", A::install}, {"rei", A::install},                     \
      {"groupinstall", A::install}, {"localinstall", A::install}, {"downgrade", A::install}, {"dg", A::install},   \
      {"swap", A::install}, {"update", A::upgrade}, {"up", A::upgrade}, {"upgrade", A::upgrade},                    \
      {"upgrade-minimal", A::upgrade}, {"update-minimal", A::upgrade}, {"up-min", A::upgrade},                      \
      {"distro-sync", A::upgrade}, {"distrosync", A::upgrade}, {"dsync", A::upgrade}, {"remove", A::remove},       \
      {"rm", A::remove}, {"erase", A::remove}, {"autoremove", A::remove}, {"groupremove", A::remove},              \
      {"makecache", A::update}, {"mc", A::update}, {"clean", A::clean}
#define DD_APT_WITH_VALUE                                                                                      \
  "-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release", "-a", \
      "--host-architecture"

const std::vector<PackageManager> kManagers{
    {
        .name = "apt-get",
        .programs = {"apt-get"},
        .os_packages = true,
        .subcommands = {{"install", A::install}, {"reinstall", A::install}, {"build-dep", A::install},
                        {"remove", A::remove}, {"purge", A::remove}, {"autoremove", A::remove},
                        {"autopurge", A::remove}, {"update", A::update}, {"upgrade", A::upgrade},
                        {"dist-upgrade", A::dist_upgrade}, {"full-upgrade", A::dist_upgrade},
                        {"clean", A::clean}, {"autoclean", A::clean}, {"distclean", A::clean},
                        {"dist-clean", A::clean}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--yes", "--assume-yes", "--force-yes"},
        .quiet_twice_is_yes = true,
        .with_value = {DD_APT_WITH_VALUE},
        .pin = PinStyle::equals,
        .cache_dirs = {"/var/lib/apt/lists"},
        .clean = {"apt-get distclean", "apt-get dist-clean"},
        .clean_fix = "&& rm -rf /var/lib/apt/lists/*",
        .cache_name = "apt package lists (/var/lib/apt/lists)",
    },
    {
        .name = "apt",
        .programs = {"apt"},
        .os_packages = true,
        .subcommands = {{"install", A::install}, {"reinstall", A::install}, {"build-dep", A::install},
                        {"remove", A::remove}, {"purge", A::remove}, {"autoremove", A::remove},
                        {"autopurge", A::remove}, {"update", A::update}, {"upgrade", A::upgrade},
                        {"dist-upgrade", A::dist_upgrade}, {"full-upgrade", A::dist_upgrade},
                        {"clean", A::clean}, {"autoclean", A::clean}, {"distclean", A::clean},
                        {"dist-clean", A::clean}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--yes", "--assume-yes", "--force-yes"},
        .quiet_twice_is_yes = true,
        .with_value = {DD_APT_WITH_VALUE},
        .pin = PinStyle::equals,
        .cache_dirs = {"/var/lib/apt/lists"},
        .clean = {"apt distclean", "apt dist-clean"},
        .clean_fix = "&& rm -rf /var/lib/apt/lists/*",
        .cache_name = "apt package lists (/var/lib/apt/lists)",
    },
    {
        .name = "aptitude",
        .programs = {"aptitude"},
        .os_packages = true,
        .subcommands = {{"install", A::install}, {"reinstall", A::install}, {"build-dep", A::install},
                        {"remove", A::remove}, {"purge", A::remove}, {"update", A::update},
                        {"upgrade", A::upgrade}, {"safe-upgrade", A::upgrade}, {"full-upgrade", A::dist_upgrade},
                        {"dist-upgrade", A::dist_upgrade}, {"clean", A::clean}, {"autoclean", A::clean}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--assume-yes"},
        .with_value = {"-o", "-t", "--target-release", "-F", "--display-format", "-w", "--width", "-S", "--sort",
                       "--log-file", "--log-level"},
        .pin = PinStyle::equals,
        .cache_dirs = {"/var/lib/apt/lists"},
        .clean_fix = "&& rm -rf /var/lib/apt/lists/*",
        .cache_name = "apt package lists (/var/lib/apt/lists)",
    },
    {
        .name = "apk",
        .programs = {"apk"},
        .os_packages = true,
        .subcommands = {{"add", A::install}, {"del", A::remove}, {"update", A::update}, {"upgrade", A::upgrade},
                        {"fix", A::install}},
        .with_value = {"-t", "--virtual", "-X", "--repository", "-p", "--root", "--keys-dir", "--arch", "--cache-dir",
                       "--repositories-file", "--cache-max-age", "--timeout"},
        .pin = PinStyle::apk,
        .cache_dirs = {"/var/cache/apk", "/etc/apk/cache"},
        .clean = {"apk cache clean", "apk cache purge"},
        .no_cache = {"--no-cache"},
        .clean_fix = "apk add --no-cache ...",
        .cache_name = "apk cache (/var/cache/apk)",
    },
    {
        .name = "dnf",
        .programs = {"dnf", "dnf-3"},
        .os_packages = true,
        .subcommands = {DD_RPM_SUBCOMMANDS},
        .module_subcommands = {{"install", A::install}, {"remove", A::remove}, {"update", A::upgrade}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--assumeyes"},
        .with_value = {DD_RPM_WITH_VALUE},
        .pin = PinStyle::rpm,
        // dnf 4 keeps its cache in /var/cache/dnf; `dnf` is dnf5 from Fedora 41.
        .cache_dirs = {"/var/cache/dnf", "/var/cache/libdnf5"},
        .also_removes = {"/var/cache/yum"},
        .clean = {"dnf clean"},
        .clean_fix = "&& dnf clean all",
        .cache_name = "dnf cache (/var/cache/dnf)",
    },
    {
        .name = "dnf5",
        .programs = {"dnf5"},
        .os_packages = true,
        .subcommands = {DD_RPM_SUBCOMMANDS},
        .module_subcommands = {{"install", A::install}, {"remove", A::remove}, {"update", A::upgrade}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--assumeyes"},
        .with_value = {DD_RPM_WITH_VALUE},
        .pin = PinStyle::rpm,
        .cache_dirs = {"/var/cache/libdnf5"},
        .clean = {"dnf5 clean"},
        .clean_fix = "&& dnf5 clean all",
        .cache_name = "dnf5 cache (/var/cache/libdnf5)",
    },
    {
        // microdnf asks for a confirmation since 3.7 (UBI 9, Oracle Linux 9).
        .name = "microdnf",
        .programs = {"microdnf"},
        .os_packages = true,
        .subcommands = {{"install", A::install}, {"reinstall", A::install}, {"remove", A::remove},
                        {"update", A::upgrade}, {"upgrade", A::upgrade}, {"makecache", A::update},
                        {"clean", A::clean}},
        .module_subcommands = {{"enable", A::none}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--assumeyes"},
        .with_value = {"--config", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "--setopt",
                       "--setvar"},
        .pin = PinStyle::rpm,
        .cache_dirs = {"/var/cache/yum", "/var/cache/libdnf5"},
        .also_removes = {"/var/cache/dnf"},
        .clean = {"microdnf clean"},
        .clean_fix = "&& microdnf clean all",
        .cache_name = "microdnf cache (/var/cache/yum)",
    },
    {
        .name = "yum",
        .programs = {"yum"},
        .os_packages = true,
        .subcommands = {DD_RPM_SUBCOMMANDS},
        .module_subcommands = {{"install", A::install}, {"remove", A::remove}, {"update", A::upgrade}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--assumeyes"},
        .with_value = {DD_RPM_WITH_VALUE},
        .pin = PinStyle::rpm,
        // yum 3 (CentOS 7) caches in /var/cache/yum; on RHEL 8 and later yum is dnf.
        .cache_dirs = {"/var/cache/yum", "/var/cache/dnf"},
        .clean = {"yum clean"},
        .clean_fix = "&& yum clean all && rm -rf /var/cache/yum",
        .cache_name = "yum cache (/var/cache/yum)",
    },
    {
        .name = "tdnf",
        .programs = {"tdnf"},
        .os_packages = true,
        .subcommands = {DD_RPM_SUBCOMMANDS},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-y", "--assumeyes"},
        .with_value = {DD_RPM_WITH_VALUE},
        .pin = PinStyle::rpm,
        .cache_dirs = {"/var/cache/tdnf"},
        .clean = {"tdnf clean"},
        .clean_fix = "&& tdnf clean all",
        .cache_name = "tdnf cache (/var/cache/tdnf)",
    },
    {
        .name = "zypper",
        .programs = {"zypper"},
        .os_packages = true,
        .subcommands = {{"install", A::install}, {"in", A::install}, {"source-install", A::install},
                        {"si", A::install}, {"remove", A::remove}, {"rm", A::remove}, {"update", A::upgrade},
                        {"up", A::upgrade}, {"patch", A::upgrade}, {"dist-upgrade", A::dist_upgrade},
                        {"dup", A::dist_upgrade}, {"refresh", A::update}, {"ref", A::update},
                        {"clean", A::clean}, {"cc", A::clean}},
        .prompts = true,
        .yes_from_stdin = true,  // the prompt reads stdin
        .yes_flags = {"-n", "--non-interactive", "-y", "--no-confirm"},
        .with_value = {"-R", "--root", "-c", "--config", "-r", "--repo", "--from", "-t", "--type", "-D",
                       "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir", "--solv-cache-dir",
                       "--pkg-cache-dir"},
        .pin = PinStyle::zypper,
        .cache_dirs = {"/var/cache/zypp"},
        .clean = {"zypper clean", "zypper cc"},
        .clean_fix = "&& zypper clean --all",
        .cache_name = "zypper cache (/var/cache/zypp)",
    },
    {
        .name = "pip",
        .programs = {"pip", "pip2", "pip3"},
        .subcommands = {{"install", A::install}, {"uninstall", A::remove}},
        .with_value = {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
                       "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src",
                       "--trusted-host", "--platform", "--python-version", "--implementation", "--abi",
                       "--progress-bar", "--cache-dir", "--log", "--log-file", "--timeout", "--retries", "--proxy",
                       "--only-binary", "--no-binary", "--upgrade-strategy", "--python", "--root-user-action",
                       "--cert", "--client-cert", "--exists-action", "--global-option", "--config-settings", "-C",
                       "--report", "--keyring-provider", "--use-feature", "--use-deprecated", "-b", "--build",
                       "--install-option"},
        .pin = PinStyle::pip,
        .pin_options = {"-c", "--constraint"},
        .pin_env = {"PIP_CONSTRAINT"},
        .self_packages = {"pip", "setuptools", "wheel"},
        .cache_dirs = {"~/.cache/pip"},
        .clean = {"pip cache purge", "pip cache remove"},
        .no_cache = {"--no-cache-dir"},
        .no_cache_env = {"PIP_NO_CACHE_DIR"},
        .clean_fix = "--no-cache-dir",
        .cache_name = "pip cache (~/.cache/pip)",
    },
    {
        .name = "pipx",
        .programs = {"pipx"},
        .subcommands = {{"install", A::install}, {"inject", A::install}, {"uninstall", A::remove},
                        {"upgrade", A::upgrade}, {"run", A::run}},
        .with_value = {"--python", "--pip-args", "--suffix", "--index-url", "-i", "--spec", "--backend"},
        .pin = PinStyle::pip,
        .cache_dirs = {"~/.cache/pipx", "~/.local/pipx/.cache"},
        .cache_name = "pipx cache",
    },
    {
        .name = "uv pip",
        .programs = {"uv"},
        .lead = "pip",
        .subcommands = {{"install", A::install}, {"uninstall", A::remove}, {"sync", A::none}},
        .with_value = {"-r", "--requirement", "-c", "--constraint", "--overrides", "-i", "--index-url",
                       "--extra-index-url", "-f", "--find-links", "--python", "-p", "--target", "--prefix", "-e",
                       "--editable", "--index-strategy", "--resolution", "--python-version", "--python-platform",
                       "--cache-dir", "--exclude-newer", "--index", "--default-index"},
        .pin = PinStyle::pip,
        .pin_options = {"-c", "--constraint", "--overrides"},
        .pin_env = {"UV_CONSTRAINT", "UV_OVERRIDE"},
        .cache_dirs = {"~/.cache/uv"},
        .no_cache = {"--no-cache"},
        .no_cache_env = {"UV_NO_CACHE"},
        .clean_fix = "--no-cache",
        .cache_name = "uv cache (~/.cache/uv)",
    },
    {
        .name = "poetry",
        .programs = {"poetry"},
        .subcommands = {{"add", A::install}, {"install", A::none}, {"remove", A::remove}, {"update", A::upgrade}},
        .with_value = {"-G", "--group", "--source", "-E", "--extras", "--python", "-C", "--directory", "-P",
                       "--project"},
        .pin = PinStyle::pip,
        .cache_dirs = {"~/.cache/pypoetry"},
        .cache_name = "poetry cache (~/.cache/pypoetry)",
    },
    {
        .name = "npm",
        .programs = {"npm"},
        .subcommands = {{"install", A::install}, {"i", A::install}, {"add", A::install}, {"in", A::install},
                        {"ins", A::install}, {"inst", A::install}, {"insta", A::install}, {"instal", A::install},
                        {"isnt", A::install}, {"isnta", A::install}, {"isntal", A::install},
                        {"isntall", A::install}, {"ci", A::none}, {"uninstall", A::remove}, {"un", A::remove},
                        {"remove", A::remove}, {"rm", A::remove}, {"r", A::remove}, {"update", A::upgrade},
                        {"up", A::upgrade}, {"upgrade", A::upgrade}, {"exec", A::run}, {"x", A::run}},
        .with_value = {"--prefix", "--registry", "--cache", "--tag", "-w", "--workspace", "--userconfig",
                       "--globalconfig", "--loglevel", "--omit", "--include", "--install-strategy", "--fetch-retries",
                       "--location"},
        .pin = PinStyle::npm,
        .cache_dirs = {"~/.npm"},
        .clean = {"npm cache clean"},
        .clean_fix = "&& npm cache clean --force",
        .cache_name = "npm cache (~/.npm)",
    },
    {
        .name = "yarn",
        .programs = {"yarn"},
        .subcommands = {{"add", A::install}, {"install", A::install}, {"remove", A::remove},
                        {"upgrade", A::upgrade}, {"up", A::upgrade},
                        {"clean", A::clean}, {"dlx", A::run}},
        .bare = A::install,
        .with_value = {"--cwd", "--modules-folder", "--cache-folder", "--network-timeout", "--registry", "--mutex",
                       "--global-folder", "--link-folder"},
        .pin = PinStyle::npm,
        .cache_dirs = {"/usr/local/share/.cache/yarn", "~/.cache/yarn", "~/.yarn/berry/cache"},
        .clean = {"yarn cache clean", "yarn clean"},
        .clean_fix = "&& yarn cache clean",
        .cache_name = "yarn cache (/usr/local/share/.cache/yarn)",
    },
    {
        .name = "pnpm",
        .programs = {"pnpm"},
        .subcommands = {{"add", A::install}, {"install", A::install}, {"i", A::install}, {"remove", A::remove},
                        {"rm", A::remove}, {"un", A::remove}, {"uninstall", A::remove}, {"update", A::upgrade},
                        {"up", A::upgrade}, {"upgrade", A::upgrade}, {"dlx", A::run}},
        .with_value = {"-C", "--dir", "--filter", "-F", "--store-dir", "--registry", "--reporter"},
        .pin = PinStyle::npm,
        .cache_dirs = {"~/.local/share/pnpm/store", "~/.cache/pnpm", "/pnpm/store"},
        .clean = {"pnpm store prune"},
        .clean_fix = "&& pnpm store prune",
        .cache_name = "pnpm store (~/.local/share/pnpm/store)",
    },
    {
        .name = "bun",
        .programs = {"bun"},
        .subcommands = {{"add", A::install}, {"install", A::install}, {"i", A::install}, {"remove", A::remove},
                        {"rm", A::remove}, {"update", A::upgrade}, {"x", A::run}},
        .with_value = {"--cwd", "--registry", "--cache-dir", "-c", "--config"},
        .pin = PinStyle::npm,
        .cache_dirs = {"~/.bun/install/cache"},
        .no_cache = {"--no-cache"},
        .cache_name = "bun cache (~/.bun/install/cache)",
    },
    {
        .name = "gem",
        .programs = {"gem"},
        .subcommands = {{"install", A::install}, {"i", A::install}, {"uninstall", A::remove},
                        {"update", A::upgrade}},
        .with_value = {"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source", "--platform",
                       "-g", "--file", "-P", "--trust-policy", "--build-root"},
        .pin = PinStyle::gem,
        .pin_options = {"-v", "--version"},
        .dashdash_ends_packages = true,
        .cache_dirs = {"~/.gem", "/usr/local/bundle/cache"},
        .cache_name = "gem cache",
    },
    {
        .name = "bundle",
        .programs = {"bundle", "bundler"},
        .subcommands = {{"install", A::none}, {"add", A::install}, {"update", A::upgrade}, {"remove", A::remove},
                        {"clean", A::clean}},
        .with_value = {"--path", "--without", "--with", "--jobs", "-j", "--retry", "--gemfile", "--version",
                       "--group", "--source"},
        .pin = PinStyle::gem,
        .pin_options = {"--version"},
        .cache_dirs = {"/usr/local/bundle/cache", "~/.bundle/cache"},
        .cache_name = "bundler cache",
    },
    {
        .name = "go",
        .programs = {"go"},
        .subcommands = {{"install", A::install}, {"get", A::install}, {"run", A::run}, {"clean", A::clean}},
        .with_value = {"-o", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-modfile", "-p", "-pkgdir",
                       "-toolexec", "-buildmode", "-compiler", "-overlay", "-pgo", "-C", "-exec", "-gccgoflags"},
        .pin = PinStyle::go,
        .cache_dirs = {"~/.cache/go-build", "~/go/pkg/mod", "/go/pkg/mod"},
        .clean = {"go clean -cache", "go clean -modcache"},
        .clean_fix = "&& go clean -cache -modcache",
        .cache_name = "Go build and module caches (~/.cache/go-build, /go/pkg/mod)",
    },
    {
        .name = "cargo",
        .programs = {"cargo"},
        .subcommands = {{"install", A::install}, {"uninstall", A::remove}, {"add", A::install}},
        .with_value = {"--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path", "--root", "--index",
                       "--registry", "--bin", "--example", "-j", "--jobs", "--target", "--target-dir", "--features",
                       "-F", "--profile"},
        .pin = PinStyle::cargo,
        .pin_options = {"--version", "--vers", "--tag", "--rev", "--path"},
        .cache_dirs = {"~/.cargo/registry", "~/.cargo/git", "/usr/local/cargo/registry", "/usr/local/cargo/git"},
        .cache_name = "cargo registry cache (~/.cargo/registry)",
    },
    {
        .name = "composer",
        .programs = {"composer", "composer.phar"},
        .subcommands = {{"require", A::install}, {"install", A::none}, {"remove", A::remove},
                        {"update", A::upgrade}, {"clear-cache", A::clean},
                        {"clearcache", A::clean}, {"cc", A::clean}},
        .with_value = {"-d", "--working-dir"},
        .pin = PinStyle::composer,
        .cache_dirs = {"~/.composer/cache", "~/.cache/composer"},
        .clean = {"composer clear-cache", "composer clearcache", "composer cc"},
        .clean_fix = "&& composer clear-cache",
        .cache_name = "composer cache (~/.composer/cache)",
    },
};
#undef DD_RPM_WITH_VALUE
#undef DD_RPM_SUBCOMMANDS
#undef DD_APT_WITH_VALUE

// Words after which the next operand is the real subcommand.
const std::vector<SV> kNested{"module", "group", "groups", "cache", "global", "store"};

const std::vector<PackageUsers> kPackageUsers{
    // package              users it creates (Debian, Alpine, Fedora/RHEL spellings)
    {"tor", {"tor", "debian-tor", "toranon"}},
    {"mpd", {"mpd"}},
    {"nginx", {"nginx", "www-data"}},
    {"apache2", {"www-data", "apache"}},
    {"httpd", {"apache"}},
    {"lighttpd", {"lighttpd", "www-data"}},
    {"postgresql", {"postgres"}},
    {"postgresql-server", {"postgres"}},
    {"redis", {"redis"}},
    {"redis-server", {"redis"}},
    {"valkey", {"valkey"}},
    {"mysql-server", {"mysql"}},
    {"mysql", {"mysql"}},
    {"mariadb", {"mysql"}},
    {"mariadb-server", {"mysql"}},
    {"memcached", {"memcache", "memcached"}},
    {"rabbitmq-server", {"rabbitmq"}},
    {"squid", {"squid", "proxy"}},
    {"haproxy", {"haproxy"}},
    {"varnish", {"varnish", "vcache", "varnishlog"}},
    {"bind9", {"bind"}},
    {"bind", {"named"}},
    {"dnsmasq", {"dnsmasq"}},
    {"unbound", {"unbound"}},
    {"openssh-server", {"sshd"}},
    {"openssh", {"sshd"}},
    {"postfix", {"postfix"}},
    {"dovecot", {"dovecot", "dovenull"}},
    {"dovecot-core", {"dovecot", "dovenull"}},
    {"mosquitto", {"mosquitto"}},
    {"clamav", {"clamav"}},
    {"clamav-daemon", {"clamav"}},
    {"privoxy", {"privoxy"}},
    {"chrony", {"chrony", "_chrony"}},
    {"ntp", {"ntp"}},
    {"icecast2", {"icecast2"}},
    {"icecast", {"icecast"}},
    {"transmission-daemon", {"debian-transmission", "transmission"}},
    {"couchdb", {"couchdb"}},
    {"mongodb", {"mongodb"}},
    {"mongodb-org-server", {"mongod"}},
    {"elasticsearch", {"elasticsearch"}},
    {"grafana", {"grafana"}},
    {"prometheus", {"prometheus"}},
    {"jenkins", {"jenkins"}},
    {"tomcat", {"tomcat"}},
    {"tomcat9", {"tomcat"}},
    {"tomcat10", {"tomcat"}},
    {"zabbix-agent", {"zabbix"}},
    {"zabbix-server-mysql", {"zabbix"}},
    {"nagios", {"nagios"}},
    {"git-daemon", {"git"}},
    {"avahi-daemon", {"avahi"}},
    {"avahi", {"avahi"}},
    {"dbus", {"messagebus"}},
    {"polkit", {"polkitd"}},
    {"nut", {"nut"}},
    {"openvpn", {"openvpn"}},
    {"pdns-server", {"pdns"}},
    {"pdns", {"pdns"}},
    {"knot", {"knot"}},
    {"nsd", {"nsd"}},
    {"exim4", {"Debian-exim"}},
    {"exim", {"exim"}},
    {"opendkim", {"opendkim"}},
    {"spamassassin", {"debian-spamd"}},
    {"radicale", {"radicale"}},
    {"uwsgi", {"uwsgi"}},
    {"supervisor", {}},
    {"cups", {"lp"}},
    {"samba", {}},
    {"vsftpd", {"ftp"}},
    {"proftpd-basic", {"proftpd"}},
    {"snmpd", {"Debian-snmp", "snmp"}},
    {"net-snmp", {"snmp"}},
    {"keepalived", {"keepalived_script"}},
    {"telegraf", {"telegraf"}},
    {"influxdb", {"influxdb"}},
    {"syncthing", {}},
    {"munin", {"munin"}},
    {"nodejs", {}},
    {"docker-ce", {}},
    {"kea-dhcp4-server", {"_kea"}},
    {"freeradius", {"freerad", "radiusd"}},
    {"coturn", {"turnserver"}},
    {"asterisk", {"asterisk"}},
    {"znc", {"znc"}},
    {"bitlbee", {"bitlbee"}},
    {"ejabberd", {"ejabberd"}},
    {"prosody", {"prosody"}},
    {"gitlab-runner", {"gitlab-runner"}},
    {"sogo", {"sogo"}},
    {"davfs2", {"davfs2"}},
    {"rspamd", {"_rspamd", "rspamd"}},
    {"tinyproxy", {"tinyproxy", "nobody"}},
    {"openldap", {"ldap"}},
    {"slapd", {"openldap"}},
    {"sssd", {"sssd"}},
};

const std::vector<SV> kBuildPackages{
    "gcc",       "g++",        "gcc-c++",       "cpp",         "clang",     "llvm",        "make",     "cmake",
    "ninja-build", "build-essential", "build-base", "autoconf",  "automake",  "libtool",     "pkg-config", "pkgconf",
    "git",       "golang",     "golang-go",     "go",          "maven",     "gradle",      "rustc",    "cargo",
    "musl-dev",  "linux-headers", "python3-dev", "python-dev",  "default-jdk", "bison",     "flex",     "gfortran",
    "swig",      "ccache",     "nasm",          "yasm",        "meson",     "scons",       "rust",     "ant",
};
const std::vector<SV> kBuildSuffixes{"-dev", "-devel", "-headers", "-jdk", "-jdk-headless"};

// ---- helpers ---------------------------------------------------------------------

bool starts_with(SV s, SV p) { return s.substr(0, p.size()) == p; }
bool ends_with_(SV s, SV p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }
SV basename(SV p) {
  auto s = p.rfind('/');
  return s == SV::npos ? p : p.substr(s + 1);
}
template <class C>
bool in(const C& set, SV w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}
bool digits_and_dots(SV s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

// The row that runs as program `name`: "pip3.12" runs pip.
const PackageManager* by_program(SV name) {
  for (const auto& pm : kManagers)
    if (pm.lead.empty() && in(pm.programs, name)) return &pm;
  for (const auto& pm : kManagers)
    for (SV p : pm.programs)
      if (pm.lead.empty() && name.size() > p.size() && starts_with(name, p) && digits_and_dots(name.substr(p.size())))
        return &pm;
  return nullptr;
}

const Subcommand* find_sub(const std::vector<Subcommand>& subs, SV w) {
  for (const auto& s : subs)
    if (s.word == w) return &s;
  return nullptr;
}

bool matches_option(SV w, SV n) {
  if (w == n) return true;
  if (starts_with(n, "--") && starts_with(w, n) && w.size() > n.size() && w[n.size()] == '=') return true;
  if (n.size() == 2 && n[0] == '-' && n[1] != '-' && w.size() > 2 && w[1] != '-') {
    // A bundle such as -qy: letters up to the one we look for.
    for (size_t i = 1; i < w.size(); ++i) {
      if (!std::isalpha(static_cast<unsigned char>(w[i]))) return false;
      if (w[i] == n[1]) return true;
    }
  }
  return false;
}

using dd::text::lower;

// The version after the first of `seps` in `w` (after position `from`), or "" when none.
SV after_any(SV w, SV seps, size_t from = 0) {
  auto p = w.find_first_of(seps, from);
  if (p == SV::npos) return {};
  SV rest = w.substr(p);
  while (!rest.empty() && seps.find(rest.front()) != SV::npos) rest.remove_prefix(1);
  return rest;
}

// A VCS URL (git+https://host/path@ref) names a ref after its path.
bool vcs_has_ref(SV url, char sep) {
  auto scheme = url.find("://");
  size_t from = scheme == SV::npos ? url.find(':') : scheme + 3;
  if (from == SV::npos) from = 0;
  auto path = url.find('/', from);
  if (sep == '#') return url.find('#') != SV::npos && url.find('#') + 1 < url.size();
  if (path == SV::npos) return false;
  auto at = url.find('@', path);
  if (at == SV::npos || at + 1 >= url.size()) return false;
  SV ref = url.substr(at + 1);
  return ref.front() != '#';
}

bool archive(SV w) {
  for (SV e : {".whl"sv, ".tar.gz"sv, ".tgz"sv, ".zip"sv, ".tar.bz2"sv, ".tar.xz"sv, ".tar"sv, ".gem"sv, ".deb"sv,
               ".rpm"sv, ".apk"sv, ".crate"sv})
    if (ends_with_(w, e)) return true;
  return false;
}

bool local_path(SV w) { return starts_with(w, ".") || starts_with(w, "/") || starts_with(w, "~") || starts_with(w, "file:"); }

// "~/.cache/pip" matches /root/.cache/pip and /home/USER/.cache/pip.
bool same_dir(SV table, SV path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (!starts_with(table, "~/")) return table == path;
  SV rest = table.substr(1);  // "/.cache/pip"
  if (starts_with(path, "~/")) return path.substr(1) == rest;
  if (starts_with(path, "/root/")) return path.substr(5) == rest;
  if (starts_with(path, "/home/")) {
    auto slash = path.find('/', 6);
    return slash != SV::npos && path.substr(slash) == rest;
  }
  return false;
}

// True when `path` is `dir` or inside it (dir given as in the table).
bool inside(SV table, SV path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (same_dir(table, path)) return true;
  // Walk up the path: /var/cache/apk/APKINDEX -> /var/cache/apk.
  for (auto s = path.rfind('/'); s != SV::npos && s > 0; s = path.rfind('/')) {
    path = path.substr(0, s);
    if (same_dir(table, path)) return true;
  }
  return false;
}

// True when `path` is a folder above the table's folder (not "/").
bool above(SV table, SV path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path.empty() || path == "/"sv) return false;
  std::string t(table);
  if (starts_with(table, "~/")) {
    // Above a home cache: the home itself or a folder inside it.
    SV rest = table.substr(1);
    std::string_view home;
    if (starts_with(path, "/root")) home = "/root";
    else if (starts_with(path, "/home/")) {
      auto slash = path.find('/', 6);
      home = slash == SV::npos ? path : path.substr(0, slash);
    } else if (starts_with(path, "~")) home = "~";
    else return false;
    t = std::string(home) + std::string(rest);
  }
  return t.size() > path.size() && starts_with(t, path) && t[path.size()] == '/';
}

}  // namespace

std::span<const PackageManager> package_managers() { return kManagers; }

const PackageManager* package_manager_named(std::string_view name) {
  for (const auto& pm : kManagers)
    if (pm.name == name) return &pm;
  return nullptr;
}

std::optional<PkgCommand> package_command(std::span<const std::string_view> argv, size_t prog) {
  if (prog >= argv.size()) return std::nullopt;
  SV name = basename(argv[prog]);
  size_t start = prog + 1;
  const PackageManager* pm = nullptr;
  if (starts_with(name, "python") && prog + 2 < argv.size() && argv[prog + 1] == "-m"sv) {
    // python -m pip ...: the module is the manager.
    pm = by_program(argv[prog + 2]);
    if (!pm || !pm->lead.empty()) return std::nullopt;
    start = prog + 3;
  } else {
    for (const auto& row : kManagers) {
      if (row.lead.empty() || !in(row.programs, name)) continue;
      if (prog + 1 < argv.size() && argv[prog + 1] == row.lead) {
        pm = &row;
        start = prog + 2;
        break;
      }
    }
    if (!pm) pm = by_program(name);
  }
  if (!pm) return std::nullopt;
  PkgCommand c;
  c.pm = pm;
  c.prog = prog;
  c.action = pm->bare;
  bool only_operands = false;
  for (size_t i = start; i < argv.size(); ++i) {
    SV w = argv[i];
    if (!only_operands && w == "--"sv) {
      if (pm->dashdash_ends_packages && c.sub) break;
      only_operands = true;
      continue;
    }
    if (!only_operands && is_option(w)) {
      c.options.push_back(i);
      if (in(pm->with_value, w)) ++i;
      continue;
    }
    if (!c.sub) {
      if (!c.nested && in(kNested, w)) {
        c.nested = i;
        continue;
      }
      c.sub = i;
      SV group = c.nested ? argv[c.nested] : SV();
      const Subcommand* s = group == "module"sv ? find_sub(pm->module_subcommands, w) : find_sub(pm->subcommands, w);
      c.action = s ? s->action : PkgAction::none;
      // `yarn cache clean`, `npm cache clean`, `pip cache purge`, `pnpm store prune`
      if (group == "cache"sv || group == "store"sv)
        c.action = (w == "clean"sv || w == "purge"sv || w == "remove"sv || w == "prune"sv) ? PkgAction::clean
                                                                                         : PkgAction::none;
      continue;
    }
    c.operands.push_back(i);
  }
  // A nested word with nothing after it (`dnf module`) is no subcommand.
  if (!c.sub && c.nested) c.action = PkgAction::none;
  return c;
}

std::optional<PkgCommand> package_command(const std::vector<std::string>& argv, size_t prog) {
  std::vector<SV> v(argv.begin(), argv.end());
  return package_command(std::span<const SV>(v), prog);
}

bool pkg_has_option(std::span<const std::string_view> argv, const PkgCommand& c, std::string_view name) {
  for (size_t i : c.options)
    if (matches_option(argv[i], name)) return true;
  return false;
}

bool runs_unattended(std::span<const std::string_view> argv, const PkgCommand& c) {
  const PackageManager& pm = *c.pm;
  if (!pm.prompts) return true;
  for (SV y : pm.yes_flags)
    if (pkg_has_option(argv, c, y)) return true;
  int quiet = 0;
  for (size_t i : c.options) {
    SV w = argv[i];
    std::string l = lower(w);
    // apt-get -o APT::Get::Assume-Yes=true, dnf --setopt=assumeyes=1
    for (SV v : {"assume-yes=true"sv, "assume-yes=1"sv, "assumeyes=true"sv, "assumeyes=1"sv, "assumeyes=yes"sv})
      if (l.find(v) != std::string::npos) return true;
    if (i + 1 < argv.size() && (w == "-o"sv || w == "--option"sv || w == "--setopt"sv)) {
      std::string v = lower(argv[i + 1]);
      for (SV s : {"assume-yes=true"sv, "assume-yes=1"sv, "assumeyes=true"sv, "assumeyes=1"sv, "assumeyes=yes"sv})
        if (v.find(s) != std::string::npos) return true;
    }
    if (!pm.quiet_twice_is_yes) continue;
    if (w == "--quiet"sv) ++quiet;
    else if (starts_with(w, "--quiet=") || starts_with(w, "-q=")) quiet += std::max(0, std::atoi(std::string(w.substr(w.find('=') + 1)).c_str()));
    else if (w.size() > 1 && w[0] == '-' && w[1] != '-' &&
             std::all_of(w.begin() + 1, w.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); }))
      quiet += static_cast<int>(std::count(w.begin() + 1, w.end(), 'q'));
  }
  return quiet >= 2;
}

bool command_pins(std::span<const std::string_view> argv, const PkgCommand& c) {
  for (SV o : c.pm->pin_options)
    if (pkg_has_option(argv, c, o)) return true;
  return false;
}

bool skips_cache(std::span<const std::string_view> argv, const PkgCommand& c) {
  for (SV o : c.pm->no_cache)
    if (pkg_has_option(argv, c, o)) return true;
  return false;
}

PinState pin_state(const PackageManager& pm, std::string_view w, bool module) {
  if (w.empty() || is_option(w) || w.find('$') != SV::npos || w.find('`') != SV::npos) return PinState::not_a_package;
  if (w.front() == '@' && pm.pin != PinStyle::npm) return PinState::not_a_package;  // rpm groups: @core
  if (in(pm.self_packages, w)) return PinState::not_a_package;
  auto versioned = [](SV v) { return !v.empty(); };
  switch (pm.pin) {
    case PinStyle::none:
      return PinState::not_a_package;
    case PinStyle::equals:
    case PinStyle::apk:
    case PinStyle::zypper:
    case PinStyle::rpm: {
      if (module) {
        // name:stream[/profile]
        auto colon = w.find(':');
        return colon != SV::npos && colon + 1 < w.size() && w[colon + 1] != '/' ? PinState::pinned : PinState::unpinned;
      }
      if (w.find('/') != SV::npos || w.find("://") != SV::npos || archive(w)) return PinState::not_a_package;
      SV seps = pm.pin == PinStyle::equals ? "="sv : pm.pin == PinStyle::apk ? "=~<>"sv : "=<>"sv;
      if (versioned(after_any(w, seps))) return PinState::pinned;
      if (pm.pin == PinStyle::rpm)
        for (size_t i = 1; i + 1 < w.size(); ++i)
          if (w[i] == '-' && std::isdigit(static_cast<unsigned char>(w[i + 1]))) return PinState::pinned;
      return PinState::unpinned;
    }
    case PinStyle::pip: {
      if (w == "@"sv) return PinState::not_a_package;
      for (SV v : {"git+"sv, "hg+"sv, "svn+"sv, "bzr+"sv})
        if (starts_with(w, v)) return vcs_has_ref(w, '@') ? PinState::pinned : PinState::unpinned;
      if (w.find("://") != SV::npos || local_path(w) || archive(w)) return PinState::not_a_package;
      if (w.find('/') != SV::npos) return PinState::not_a_package;
      auto at = w.find('@');
      if (at != SV::npos) return at + 1 < w.size() ? PinState::pinned : PinState::unpinned;
      return versioned(after_any(w, "=<>~!"sv)) ? PinState::pinned : PinState::unpinned;
    }
    case PinStyle::npm: {
      for (SV v : {"git+"sv, "git:"sv, "github:"sv, "gitlab:"sv, "bitbucket:"sv, "gist:"sv})
        if (starts_with(w, v)) return vcs_has_ref(w, '#') ? PinState::pinned : PinState::unpinned;
      if (w.find("://") != SV::npos || local_path(w) || archive(w) || starts_with(w, "link:") ||
          starts_with(w, "npm:"))
        return PinState::not_a_package;
      SV name = w;
      if (name.front() == '@') name.remove_prefix(1);
      auto at = name.find('@');
      if (at != SV::npos) return at + 1 < name.size() ? PinState::pinned : PinState::unpinned;
      // user/repo is a GitHub shorthand: pinned by #ref.
      if (w.front() != '@' && w.find('/') != SV::npos) return vcs_has_ref(w, '#') ? PinState::pinned : PinState::unpinned;
      return PinState::unpinned;
    }
    case PinStyle::gem:
      if (local_path(w) || archive(w) || w.find('/') != SV::npos) return PinState::not_a_package;
      return versioned(after_any(w, ":"sv)) ? PinState::pinned : PinState::unpinned;
    case PinStyle::go: {
      // A module path has a dot in its first element; ./x, main.go and std packages are local.
      if (local_path(w) || w.find('/') == SV::npos || ends_with_(w, ".go")) return PinState::not_a_package;
      auto at = w.rfind('@');
      if (at == SV::npos) return PinState::unpinned;
      SV v = w.substr(at + 1);
      return v.empty() || v == "latest"sv || v == "upgrade"sv || v == "patch"sv ? PinState::unpinned
                                                                               : PinState::pinned;
    }
    case PinStyle::cargo:
      if (local_path(w) || w.find('/') != SV::npos) return PinState::not_a_package;
      return versioned(after_any(w, "@"sv)) ? PinState::pinned : PinState::unpinned;
    case PinStyle::composer:
      if (local_path(w) || archive(w) || w.find('/') == SV::npos) return PinState::not_a_package;
      return versioned(after_any(w, ":="sv)) ? PinState::pinned : PinState::unpinned;
  }
  return PinState::not_a_package;
}

std::string_view package_name(const PackageManager& pm, std::string_view w) {
  SV seps;
  switch (pm.pin) {
    case PinStyle::equals: seps = "="; break;
    case PinStyle::apk: seps = "=~<>"; break;
    case PinStyle::rpm:
    case PinStyle::zypper: seps = "=<>"; break;
    case PinStyle::pip: seps = "=<>~!@[;"; break;
    case PinStyle::gem:
    case PinStyle::composer: seps = ":="; break;
    case PinStyle::go:
    case PinStyle::cargo: seps = "@"; break;
    case PinStyle::npm: {
      size_t from = !w.empty() && w.front() == '@' ? 1 : 0;
      auto at = w.find('@', from);
      return at == SV::npos ? w : w.substr(0, at);
    }
    case PinStyle::none: return w;
  }
  auto p = w.find_first_of(seps);
  if (pm.pin == PinStyle::rpm)
    // name-version: httpd-2.4.57, and the example's name-<version>
    for (size_t i = 1; i + 1 < w.size() && i < p; ++i)
      if (w[i] == '-' && (std::isdigit(static_cast<unsigned char>(w[i + 1])) || w[i + 1] == '<')) {
        p = i;
        break;
      }
  return p == SV::npos ? w : w.substr(0, p);
}

std::string pin_example(const PackageManager& pm, std::string_view name) {
  std::string n(name);
  switch (pm.pin) {
    case PinStyle::equals:
    case PinStyle::apk:
    case PinStyle::zypper: return n + "=<version>";
    case PinStyle::rpm: return n + "-<version>";
    case PinStyle::pip: return n + "==<version>";
    case PinStyle::npm: return n + "@<version>";
    case PinStyle::gem: return n + " -v <version>";
    case PinStyle::go: return n + "@v<version>";
    case PinStyle::cargo: return n + "@<version>";
    case PinStyle::composer: return n + ":<version>";
    case PinStyle::none: break;
  }
  return n;
}

bool covers_cache(const PackageManager& pm, std::string_view path) {
  if (path.empty()) return false;
  for (SV d : pm.cache_dirs)
    if (inside(d, path) || above(d, path)) return true;
  return false;
}

bool removes_cache(const PackageManager& pm, std::string_view path) {
  // "dir/*", "dir/", "dir"
  while (!path.empty() && (path.back() == '*' || path.back() == '/')) path.remove_suffix(1);
  if (path.empty()) return false;
  for (SV d : pm.cache_dirs)
    if (inside(d, path) || above(d, path)) return true;
  for (SV d : pm.also_removes)
    if (inside(d, path) || above(d, path)) return true;
  return false;
}

bool is_clean_command(const PackageManager& pm, std::span<const std::string_view> argv, size_t prog) {
  auto c = package_command(argv, prog);
  if (!c || c->pm != &pm) return false;
  size_t start = c->prog + 1;
  if (!pm.lead.empty()) ++start;
  if (starts_with(basename(argv[c->prog]), "python")) start = c->prog + 3;
  for (SV phrase : pm.clean) {
    // The words after the program, in order, among the command's words.
    std::vector<SV> want;
    size_t b = phrase.find(' ');
    while (b != SV::npos) {
      size_t e = phrase.find(' ', b + 1);
      want.push_back(phrase.substr(b + 1, e == SV::npos ? SV::npos : e - b - 1));
      b = e;
    }
    size_t k = 0;
    for (size_t i = start; i < argv.size() && k < want.size(); ++i)
      if (argv[i] == want[k]) ++k;
    if (!want.empty() && k == want.size()) return true;
  }
  return false;
}

MountSpec parse_mount(std::string_view value) {
  MountSpec m;
  m.type = "bind";
  size_t b = 0;
  while (b <= value.size()) {
    size_t e = value.find(',', b);
    SV kv = value.substr(b, e == SV::npos ? SV::npos : e - b);
    auto eq = kv.find('=');
    SV k = kv.substr(0, eq);
    SV v = eq == SV::npos ? SV() : kv.substr(eq + 1);
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
    if (k == "type"sv) m.type = lower(v);
    else if (k == "target"sv || k == "dst"sv || k == "destination"sv) m.target = std::string(v);
    if (e == SV::npos) break;
    b = e + 1;
  }
  return m;
}

bool mount_covers_cache(const PackageManager& pm, std::string_view mount_value) {
  MountSpec m = parse_mount(mount_value);
  if (m.type != "cache"sv && m.type != "tmpfs"sv) return false;
  return covers_cache(pm, m.target);
}

std::span<const PackageUsers> package_users() { return kPackageUsers; }

bool package_creates_user(std::string_view package, std::string_view user) {
  if (package.empty() || user.empty()) return false;
  // Drop a version pin: tor=0.4.8-r0, redis-server=5:7.0
  auto pin = package.find_first_of("=<>~:");
  if (pin != SV::npos) package = package.substr(0, pin);
  for (const auto& row : kPackageUsers) {
    if (!in(row.users, user)) continue;
    if (package == row.package) return true;
    // A versioned name: postgresql15, postgresql-15, postgresql16-server, redis7
    if (!starts_with(package, row.package)) continue;
    SV rest = package.substr(row.package.size());
    if (!rest.empty() && rest.front() == '-') rest.remove_prefix(1);
    size_t d = 0;
    while (d < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[d])) || rest[d] == '.')) ++d;
    if (d == 0) continue;
    rest.remove_prefix(d);
    if (rest.empty() || rest == "-server"sv || rest == "-contrib"sv) return true;
  }
  return false;
}

bool is_build_package(std::string_view pkg) {
  std::string p = lower(pkg);
  size_t cut = p.find_first_of("=~<>");
  if (cut != std::string::npos) p.resize(cut);
  if (p.empty() || p.front() == '-' || p.front() == '$') return false;
  if (in(kBuildPackages, p)) return true;
  // rpm versions: gcc-4.8.5
  size_t dash = p.find('-');
  if (dash != std::string::npos && dash + 1 < p.size() && std::isdigit(static_cast<unsigned char>(p[dash + 1])) &&
      in(kBuildPackages, SV(p).substr(0, dash)))
    return true;
  for (SV s : kBuildSuffixes)
    if (p.size() > s.size() && ends_with_(p, s)) return true;
  return starts_with(p, "openjdk-") && p.find("-jdk") != std::string::npos;
}

std::span<const std::string_view> build_packages() { return kBuildPackages; }

namespace {
const std::vector<RuntimeToolUse> kRuntimeToolUses{
    {"git", {"hugo"}, {"klakegg/hugo", "hugomods/hugo"}, "hugo runs git for Hugo Modules and .GitInfo"},
    {"git",
     {"argocd", "argocd-repo-server", "argocd-server"},
     {"argoproj/argocd", "argoproj-labs/argocd"},
     "Argo CD's repo server clones the application repositories with git"},
    {"git", {"flux", "source-controller"}, {"fluxcd/flux", "fluxcd/source-controller"}, "Flux clones its sources with git"},
    {"git", {"git-sync"}, {"git-sync/git-sync", "kubernetes/git-sync"}, "git-sync runs git to pull the repository"},
    {"git", {"gitea", "gogs", "forgejo"}, {"gitea/gitea", "gogs/gogs"}, "a git server runs git for every push and clone"},
    {"git", {"gitlab-runner"}, {"gitlab/gitlab-runner"}, "the runner clones each job's repository with git"},
    {"git", {"jenkins", "jenkins-agent"}, {"jenkins/jenkins", "jenkins/agent", "jenkins/inbound-agent"},
     "Jenkins checks out the jobs' repositories with git"},
    {"git", {"atlantis"}, {"runatlantis/atlantis"}, "Atlantis clones the pull requests' repositories with git"},
    {"git", {"renovate"}, {"renovate/renovate"}, "Renovate clones the repositories it updates with git"},
    {"git", {"pre-commit"}, {}, "pre-commit fetches its hook repositories with git"},
    {"git", {"terraform", "terragrunt"}, {"hashicorp/terraform"}, "terraform init fetches git:: module sources with git"},
    {"git", {"helmfile"}, {}, "helmfile fetches git:: chart sources with git"},
};
}  // namespace

std::span<const RuntimeToolUse> runtime_tool_uses() { return kRuntimeToolUses; }

const RuntimeToolUse* runtime_tool_use(std::string_view package, std::string_view program, std::string_view image) {
  std::string p = lower(package);
  for (const auto& r : kRuntimeToolUses) {
    if (r.package != p) continue;
    for (SV g : r.programs)
      if (!program.empty() && g == program) return &r;
    for (SV i : r.images)
      if (!image.empty() && i == image) return &r;
  }
  return nullptr;
}

}  // namespace dd::kb
