// DD2060: ENV points a dependency at localhost, or the app listens on
// loopback only.
#include "dockerfile/rule.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/start_command.h"
#include "knowledge/address.h"

namespace dd::dockerfile {
namespace {

// Hosts are parsed by the knowledge layer (127.0.0.0/8, ::1, localhost
// names), never matched as text; 0.0.0.0 reaches the container itself too.
bool loopback(std::string_view host) { return dd::kb::is_loopback_host(host) || dd::kb::is_unspecified_host(host); }

std::string host_of(std::string_view v) {
  auto hp = dd::kb::parse_host_port(v);
  return hp ? text::lower(hp->host) : std::string();
}

std::vector<std::string> parts(const std::string& key) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : key) {
    if (c == '_' || c == '-' || c == '.') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool has(const std::vector<std::string>& p, std::initializer_list<std::string_view> words) {
  for (const auto& w : p)
    for (auto x : words)
      if (w == x) return true;
  return false;
}

class LocalhostDependency : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind != Kw::ENV) continue;
      for (const auto& kv : ins->pairs) {
        if (!kv.has_value || kv.value.empty()) continue;
        std::string host = host_of(kv.value);
        if (!loopback(host)) continue;
        auto p = parts(kv.key);
        if (p.empty()) continue;
        bool self = has(p, {"APP", "SELF", "PUBLIC", "BASE", "SITE", "NEXTAUTH", "CALLBACK", "REDIRECT", "LISTEN",
                            "BIND", "SERVER", "WEB", "FRONTEND", "ORIGIN", "CORS", "HEALTH", "NO", "PROXY", "HTTP",
                            "HTTPS", "METRICS", "ADMIN", "GRPC", "ORIGINS", "ALLOWED"}) ||
                    kv.key == "HOST"sv || kv.key == "HOSTNAME"sv;
        bool dep_key = has(p, {"HOST", "URL", "URI", "ADDR", "ADDRESS", "DSN", "ENDPOINT", "SERVERS", "BROKER",
                               "BROKERS", "NODES", "CONNECTION", "CONN", "DATABASE"});
        std::string shown = inc::safe(kv.value);
        if (auto [b, e] = secrets::url_password(kv.value); b != std::string::npos)
          shown = redact_in(kv.value, kv.value.substr(b, e - b));
        bool any_addr = host == "0.0.0.0"sv;  // usually a bind address: only a named service is a target
        if (any_addr && !has(p, {"DB", "DATABASE", "POSTGRES", "PG", "PGHOST", "MYSQL", "MARIADB", "MONGO", "MONGODB",
                                 "REDIS", "MEMCACHED", "RABBITMQ", "AMQP", "KAFKA", "ELASTICSEARCH", "SMTP", "MAIL",
                                 "BROKER", "CACHE", "QUEUE", "S3", "MINIO", "CONSUL", "VAULT", "ZOOKEEPER", "NATS",
                                 "ETCD", "API", "BACKEND"}))
          continue;
        if (!self && dep_key) {
          Finding f = in.at(kv.value_range, "ENV " + kv.key + "=" + shown + " on line " +
                                                std::to_string(ins->range.begin.line) +
                                                " points at " + host + ", which inside the container is the "
                                                "container itself, not the " + service(p) + " it needs",
                            "ENV " + kv.key + "=" + shown);
          f.root_cause = "Each container has its own network namespace: localhost reaches only its own processes.";
          f.fix = "ENV " + kv.key + "=" + replace_host(shown, host, service_host(p)) +
                  "  (the service name on the compose network / Kubernetes Service DNS name), or inject it at run time";
          f.tags = {"localhost"};
          out.add(info_, std::move(f));
        } else if ((kv.key == "HOST"sv || has(p, {"BIND", "LISTEN"})) && host != "0.0.0.0"sv && host != "[::]"sv) {
          Finding f = in.at(kv.value_range, "ENV " + kv.key + "=" + shown + " on line " +
                                                std::to_string(ins->range.begin.line) +
                                                " makes the app listen on loopback only: published ports and "
                                                "Services cannot reach it",
                            "ENV " + kv.key + "=" + shown);
          f.root_cause = "A server bound to 127.0.0.1 accepts connections only from inside its own container.";
          f.fix = "ENV " + kv.key + "=" + replace_host(shown, host, "0.0.0.0");
          f.tags = {"localhost", "bind"};
          out.add(info_, std::move(f));
        }
      }
    }
  }

 private:
  static std::string service(const std::vector<std::string>& p) {
    for (const auto& w : p)
      if (w != "HOST"sv && w != "URL"sv && w != "URI"sv && w != "ADDR"sv && w != "ADDRESS"sv && w != "DSN"sv && w != "ENDPOINT"sv)
        return text::lower(w) + " service";
    return "service";
  }
  static std::string service_host(const std::vector<std::string>& p) {
    for (const auto& w : p) {
      if (w == "DB"sv || w == "DATABASE"sv || w == "POSTGRES"sv || w == "PG"sv || w == "PGHOST"sv) return "db";
      if (w == "REDIS"sv || w == "MYSQL"sv || w == "MONGO"sv || w == "MONGODB"sv || w == "RABBITMQ"sv || w == "KAFKA"sv ||
          w == "ELASTICSEARCH"sv || w == "MEMCACHED"sv)
        return text::lower(w);
    }
    return "<service-name>";
  }
  static std::string replace_host(std::string v, const std::string& host, const std::string& with) {
    size_t pos = text::lower(v).find(host);
    if (pos != std::string::npos) v.replace(pos, host.size(), with);
    return v;
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2060",
      .name = "localhost-dependency",
      .category = Category::network_unreachable,
      .severity = Severity::warning,
      .summary = "Dependency address points at localhost",
      .rationale = "DB_HOST=localhost works on a laptop and fails in every container: connection refused to the "
                   "database, cache or broker.",
      .fix = "ENV DB_HOST=db  (or inject it at run time)",
      .tags = {"localhost"},
  });
};

DD_DOCKERFILE_RULE(LocalhostDependency)

}  // namespace
}  // namespace dd::dockerfile
