// DD6042: NetworkPolicies of the set deny traffic the container's env or ports say it needs.
// Policies are evaluated as the API defines them: a pod is isolated for a
// direction when any policy selecting it has that policyType; then a
// connection is allowed when any rule of any such policy allows it (policies
// are additive). Peers: podSelector (policy namespace), namespaceSelector,
// both (AND), ipBlock (CIDR minus except, for destinations known by their IP;
// for pods, whose IPs are not known, only a /0 without except is judged).
// Ports by number, range or name.
#include "k8s/rules/dependency_env.inc.h"

namespace dd::k8s {
namespace {

enum class Verdict { allowed, denied, unknown };

struct Endpoint {
  std::string ip;  // an address outside the set (a literal IP in env); ns/labels unused then
  std::string ns;
  std::map<std::string, std::string> labels;
  const PodSpec* pod = nullptr;  // when the set has its template
};

// Namespace selector against a namespace: the set's Namespace labels, else only
// the automatic kubernetes.io/metadata.name label is known.
Verdict ns_matches(const ManifestSet& set, const LabelSelector& sel, const std::string& ns) {
  if (sel.empty()) return Verdict::allowed;
  auto labels = set.namespace_labels(ns);
  if (labels) return sel.matches(*labels) ? Verdict::allowed : Verdict::denied;
  const std::string known = "kubernetes.io/metadata.name";
  for (const auto& [k, _] : sel.match_labels)
    if (k != known) return Verdict::unknown;
  for (const auto& r : sel.match_expressions)
    if (r.key != known) return Verdict::unknown;
  return sel.matches({{known, ns}}) ? Verdict::allowed : Verdict::denied;
}

Verdict peer_matches(const ManifestSet& set, const PolicyPeer& p, const std::string& policy_ns, const Endpoint& other) {
  if (!p.ip_block_cidr.empty()) {
    if (other.ip.empty()) {
      // A pod: its IP is not known. Every address (0.0.0.0/0, ::/0) with no
      // except includes it; anything narrower may or may not.
      auto slash = p.ip_block_cidr.find('/');
      bool all = slash != std::string::npos && p.ip_block_cidr.substr(slash) == "/0";
      return all && p.ip_block_except.empty() ? Verdict::allowed : Verdict::unknown;
    }
    auto in = kb::ip_in_cidr(other.ip, p.ip_block_cidr);
    if (!in) return Verdict::unknown;
    if (!*in) return Verdict::denied;
    for (const auto& ex : p.ip_block_except) {
      auto out = kb::ip_in_cidr(other.ip, ex);
      if (!out) return Verdict::unknown;
      if (*out) return Verdict::denied;
    }
    return Verdict::allowed;
  }
  // Selectors pick pods. A public address is none of them; a private one may
  // be a pod's or a Service's ClusterIP (not known here).
  if (!other.ip.empty()) {
    for (const char* net : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10"})
      if (kb::ip_in_cidr(other.ip, net).value_or(false)) return Verdict::unknown;
    return Verdict::denied;
  }
  bool has_pod = p.pod_selector.present, has_ns = p.namespace_selector.present;
  if (!has_pod && !has_ns) return Verdict::unknown;
  Verdict nsv = has_ns ? ns_matches(set, p.namespace_selector, other.ns)
                       : (other.ns == policy_ns ? Verdict::allowed : Verdict::denied);
  if (nsv == Verdict::denied) return Verdict::denied;
  bool podok = !has_pod || p.pod_selector.matches(other.labels);
  if (!podok) return Verdict::denied;
  return nsv;
}

// The port (number, name on the destination pod, protocol) against a policy port.
Verdict port_matches(const PolicyPort& pp, int port, const std::string& port_name, const std::string& proto) {
  if (pp.protocol != proto) return Verdict::denied;
  if (pp.port.empty()) return Verdict::allowed;
  bool numeric = pp.port.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) {
    int n = std::atoi(pp.port.c_str());
    if (port == 0) return Verdict::unknown;
    if (n == port || (pp.end_port >= n && port >= n && port <= pp.end_port)) return Verdict::allowed;
    return Verdict::denied;
  }
  if (port_name.empty()) return Verdict::unknown;
  return pp.port == port_name ? Verdict::allowed : Verdict::denied;
}

Verdict combine_any(Verdict a, Verdict b) {
  if (a == Verdict::allowed || b == Verdict::allowed) return Verdict::allowed;
  if (a == Verdict::unknown || b == Verdict::unknown) return Verdict::unknown;
  return Verdict::denied;
}

// Whether `self` may reach (egress) or be reached by (ingress) `other` on the port.
// `names` lists the policies that isolate `self` in that direction.
Verdict evaluate(const ManifestSet& set, bool egress, const Endpoint& self, const Endpoint& other, int port,
                 const std::string& port_name, const std::string& proto, std::vector<const Object*>& names) {
  bool isolated = false;
  Verdict v = Verdict::denied;
  for (const auto& o : set.objects()) {
    if (!o.network_policy || o.effective_namespace() != self.ns) continue;
    const auto& np = *o.network_policy;
    if (!np.pod_selector.matches(self.labels)) continue;
    if (egress ? !np.egress_type : !np.ingress_type) continue;
    isolated = true;
    names.push_back(&o);
    for (const auto& rule : egress ? np.egress : np.ingress) {
      Verdict peer = Verdict::allowed;
      if (rule.peers_present) {
        peer = Verdict::denied;
        for (const auto& p : rule.peers) peer = combine_any(peer, peer_matches(set, p, self.ns, other));
      }
      if (peer == Verdict::denied) continue;
      Verdict ports = Verdict::allowed;
      if (rule.ports_present) {
        ports = Verdict::denied;
        for (const auto& pp : rule.ports) ports = combine_any(ports, port_matches(pp, port, port_name, proto));
      }
      if (ports == Verdict::denied) continue;
      v = combine_any(v, (peer == Verdict::allowed && ports == Verdict::allowed) ? Verdict::allowed : Verdict::unknown);
    }
  }
  return isolated ? v : Verdict::allowed;
}

std::string policy_list(const std::vector<const Object*>& ps) {
  std::string s;
  for (const auto* p : ps) s += (s.empty() ? "" : ", ") + p->name;
  return s;
}

class NetworkPolicyDenies : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    bool any_policy = false;
    for (const auto& o : w.set.objects()) any_policy = any_policy || o.network_policy.has_value();
    if (!any_policy || w.pod.host_network) return;
    Endpoint self{"", w.object.effective_namespace(), w.pod.labels, &w.pod};
    for (const auto& c : w.pod.containers) {
      bool needs_dns = false;
      Mark dns_at;
      for (const auto& e : env_seen(w, c)) {
        if (!names_a_dependency(e.name)) continue;
        auto hp = kb::parse_host_port(e.value);
        if (hp && !hp->host.empty() && !kb::is_ip_literal(hp->host) && !kb::is_loopback_host(hp->host) && !needs_dns) {
          needs_dns = true;
          dns_at = e.at;
        }
        if (hp && kb::is_ip_literal(hp->host) && !kb::is_loopback_host(hp->host) && !kb::is_unspecified_host(hp->host) &&
            hp->port > 0) {
          // An address given as an IP: judged against ipBlock peers.
          Endpoint dest{hp->host, "", {}, nullptr};
          std::vector<const Object*> eg;
          if (evaluate(w.set, true, self, dest, hp->port, "", "TCP", eg) == Verdict::denied) {
            Finding f = at(w, &c, e.at,
                           e.name + " of container '" + c.name + "' needs " + hp->host + ":" + std::to_string(hp->port) +
                               ", but the egress of this pod is limited by NetworkPolicy " + policy_list(eg) +
                               " and no rule allows that address and port: connections time out",
                           e.name + "=" + (e.secret ? std::string("(secret)") : e.value), c.path + ".env");
            bool v6 = hp->host.find(':') != std::string::npos;
            f.fix = "egress:\n- to:\n  - ipBlock:\n      cidr: " + hp->host + (v6 ? "/128" : "/32") +
                    "\n  ports:\n  - {protocol: TCP, port: " + std::to_string(hp->port) + "}";
            out.add(info_, std::move(f));
          }
          continue;
        }
        auto sh = service_host(e.value, e.name);
        if (!sh) continue;
        std::string ns = sh->ns.empty() ? self.ns : sh->ns;
        const Object* svc = w.set.find("Service", ns, sh->service);
        if (!svc || !svc->service_selector.present || svc->service_selector.empty()) continue;
        const ServicePort* sp = nullptr;
        for (const auto& p : svc->service_ports)
          if (p.port == sh->port || (sh->port == 0 && svc->service_ports.size() == 1)) sp = &p;
        if (!sp) continue;
        for (const auto& o : w.set.objects()) {
          if (!o.pod || o.effective_namespace() != ns || !svc->service_selector.matches(o.pod->labels)) continue;
          // The target port on the destination pod: number and name.
          int port = 0;
          std::string pname;
          std::string tp = sp->target_port.empty() ? std::to_string(sp->port) : sp->target_port;
          bool numeric = tp.find_first_not_of("0123456789") == std::string::npos;
          for (const auto& dc : o.pod->containers)
            for (const auto& p : dc.ports) {
              if (numeric && std::to_string(p.container_port) == tp) {
                port = p.container_port;
                pname = p.name;
              } else if (!numeric && p.name == tp) {
                port = p.container_port;
                pname = p.name;
              }
            }
          if (numeric && port == 0) port = std::atoi(tp.c_str());
          Endpoint dest{"", ns, o.pod->labels, &*o.pod};
          std::vector<const Object*> eg, in;
          std::string target = "Service " + svc->name + " (" + o.resource() + ", port " +
                               (port ? std::to_string(port) : tp) + "/" + sp->protocol + ")";
          if (evaluate(w.set, true, self, dest, port, pname, sp->protocol, eg) == Verdict::denied) {
            Finding f = at(w, &c, e.at,
                           e.name + " of container '" + c.name + "' needs " + target +
                               ", but the egress of this pod is limited by NetworkPolicy " + policy_list(eg) +
                               " and no rule allows it: connections time out",
                           e.name + "=" + (e.secret ? std::string("(secret)") : e.value), c.path + ".env");
            f.fix = "egress:\n- to:\n  - podSelector:\n      matchLabels: {" + first_label(svc->service_selector) +
                    "}\n  ports:\n  - {protocol: " + sp->protocol + ", port: " + (port ? std::to_string(port) : tp) + "}";
            out.add(info_, std::move(f));
          }
          if (evaluate(w.set, false, dest, self, port, pname, sp->protocol, in) == Verdict::denied) {
            Finding f = at(w, &c, e.at,
                           e.name + " of container '" + c.name + "' needs " + target + ", but NetworkPolicy " +
                               policy_list(in) + " admits no traffic from this pod to it: connections time out",
                           e.name + "=" + (e.secret ? std::string("(secret)") : e.value), c.path + ".env");
            std::string lbl;
            for (const auto& [k, v] : w.pod.labels) {
              lbl = k + ": " + v;
              break;
            }
            f.fix = "ingress:   # in " + policy_list(in) + "\n- from:\n  - podSelector:\n      matchLabels: {" + lbl +
                    "}\n  ports:\n  - {protocol: " + sp->protocol + ", port: " + (port ? std::to_string(port) : tp) + "}";
            out.add(info_, std::move(f));
          }
        }
      }
      if (needs_dns) {
        Endpoint dns{"", "kube-system", {{"k8s-app", "kube-dns"}}, nullptr};
        std::vector<const Object*> eg;
        if (evaluate(w.set, true, self, dns, 53, "dns", "UDP", eg) == Verdict::denied) {
          Finding f = at(w, &c, dns_at,
                         "The egress of container '" + c.name + "' is limited by NetworkPolicy " + policy_list(eg) +
                             ", and no rule allows DNS (UDP 53 to kube-dns): every name lookup fails, so no Service "
                             "name resolves",
                         "policyTypes: [Egress]", c.path);
          f.fix = "egress:\n- to:\n  - namespaceSelector:\n      matchLabels: {kubernetes.io/metadata.name: kube-system}\n"
                  "    podSelector:\n      matchLabels: {k8s-app: kube-dns}\n  ports:\n  - {protocol: UDP, port: 53}\n"
                  "  - {protocol: TCP, port: 53}";
          out.add(info_, std::move(f));
        }
      }
    }
    // Ingress to the container's Service ports: denied for every source.
    for (const auto& o : w.set.objects()) {
      if (o.kind != "Service" || o.effective_namespace() != self.ns || !o.service_selector.present ||
          o.service_selector.empty() || !o.service_selector.matches(w.pod.labels))
        continue;
      for (const auto& sp : o.service_ports) {
        std::string tp = sp.target_port.empty() ? std::to_string(sp.port) : sp.target_port;
        for (const auto& c : w.pod.containers)
          for (const auto& p : c.ports) {
            if (std::to_string(p.container_port) != tp && p.name != tp) continue;
            bool isolated = false, any = false;
            std::vector<const Object*> names;
            for (const auto& po : w.set.objects()) {
              if (!po.network_policy || po.effective_namespace() != self.ns) continue;
              const auto& np = *po.network_policy;
              if (!np.ingress_type || !np.pod_selector.matches(w.pod.labels)) continue;
              isolated = true;
              names.push_back(&po);
              for (const auto& r : np.ingress) {
                if (r.peers_present && r.peers.empty()) continue;
                Verdict ports = Verdict::allowed;
                if (r.ports_present) {
                  ports = Verdict::denied;
                  for (const auto& pp : r.ports) ports = combine_any(ports, port_matches(pp, p.container_port, p.name, sp.protocol));
                }
                any = any || ports != Verdict::denied;
              }
            }
            if (!isolated || any) continue;
            Finding f = at(w, &c, p.at,
                           "Service " + o.name + " sends traffic to port " + std::to_string(p.container_port) +
                               " of container '" + c.name + "', but NetworkPolicy " + policy_list(names) +
                               " isolates this pod for ingress and no rule admits that port from anywhere",
                           "containerPort: " + std::to_string(p.container_port), c.path + ".ports");
            f.fix = "ingress:\n- ports:\n  - {protocol: " + sp.protocol + ", port: " + std::to_string(p.container_port) +
                    "}\n  from:   # the clients\n  - podSelector: {}";
            out.add(info_, std::move(f));
          }
      }
    }
  }

 private:
  static std::string first_label(const LabelSelector& s) {
    for (const auto& [k, v] : s.match_labels) return k + ": " + v;
    return "";
  }
  const RuleInfo& info_ = Rules::add({
      .id = "DD6042",
      .name = "k8s-network-policy-denies",
      .category = Category::network_unreachable,
      .severity = Severity::warning,
      .summary = "A NetworkPolicy denies traffic the workload needs",
      .rationale = "A default-deny policy added for security, without the egress to the database or to DNS: the app "
                   "times out on every connection, in the one namespace where the policy applies.",
      .fix = "Add an egress (or ingress) rule for the dependency's pods and port, and allow DNS.",
      .tags = {"k8s", "network"},
  });
};

DD_K8S_RULE(NetworkPolicyDenies)

}  // namespace
}  // namespace dd::k8s
