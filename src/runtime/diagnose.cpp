// Runtime diagnosis engine: matches logs, runs the joined rules, then adds
// what the tables say about whatever no joined rule explained. See diagnose.h.
#include "runtime/diagnose.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/redact.h"
#include "secrets/secrets.h"
#include "core/registry.h"
#include "core/report.h"
#include "runtime/k8s_fix.h"

namespace dd::runtime {

std::string clip(std::string_view s, size_t max) {
  std::string out;
  for (unsigned char c : s) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    if (c == '\t') out += ' ';
    else if (c < 0x20 || c == 0x7f) continue;
    else out += static_cast<char>(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

std::string redact_all(std::string s, const std::vector<std::string>& secrets) {
  for (const auto& v : secrets) s = redact_in(s, v);
  return s;
}

const char* stream_name(int s) {
  switch (s) {
    case 1: return "stdout";
    case 2: return "stderr";
    default: return "log";
  }
}

}  // namespace

std::vector<std::string> secret_values(const ContainerState& s) {
  std::vector<std::string> out;
  for (auto* list : {&s.env, &s.image_config.env})
    for (const auto& e : *list) {
      auto eq = e.find('=');
      if (eq == std::string::npos) continue;
      std::string name = e.substr(0, eq), value = e.substr(eq + 1);
      // A URL keeps its host (useful evidence); only its password is masked.
      auto [pb, pe] = secrets::url_password(value);
      if (pb != std::string::npos) {
        if (pe - pb >= 3) out.push_back(value.substr(pb, pe - pb));
      } else if (value.size() >= 4 && (secrets::is_secret_name(name) || secrets::looks_secret_value(name, value))) {
        out.push_back(value);
      }
    }
  // Longest first so that a value containing another is masked whole.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

Diagnosis::Diagnosis(const ContainerState& st, const Logs& lg) : state(st), logs(lg) {
  auto scan = [&](const LogEntry& l) {
    auto hit = match_line(l.text);
    if (!hit) return;
    for (auto& m : matches)
      if (m.sig == hit->sig) {
        ++m.count;
        return;
      }
    matches.push_back({hit->sig, &l, hit->subject, 1, false});
  };
  if (!state.error.empty()) {
    error_line_.stream = 3;
    error_line_.number = 0;
    error_line_.text = state.error;
    scan(error_line_);
  }
  for (const auto& l : logs.lines) scan(l);
  if (exited()) exit = lookup_exit(*state.exit_code, state.oom_killed);
}

bool Diagnosis::exited() const {
  if (!state.exit_code) return false;
  if (state.running && !state.restarting) return false;
  if (state.status == "created" && *state.exit_code == 0) return false;
  return true;
}

LogMatch* Diagnosis::match(Category c) {
  for (auto& m : matches)
    if (!m.consumed && m.sig->category == c) return &m;
  return nullptr;
}

LogMatch* Diagnosis::match_id(std::string_view id) {
  for (auto& m : matches)
    if (!m.consumed && id == m.sig->id) return &m;
  return nullptr;
}

Finding Diagnosis::at_field(const std::string& rule, const std::string& field) const {
  Finding f;
  f.rule = rule;
  f.location.container = state.label();
  f.location.field = field;
  return f;
}

std::string Diagnosis::where(const LogEntry& l) const {
  if (l.stream == 3) return state.fields.error;
  if (!logs.file.empty()) return "line " + std::to_string(l.number) + " of " + logs.file;
  return std::string(stream_name(l.stream)) + " line " + std::to_string(l.number);
}

Finding Diagnosis::at_line(const std::string& rule, const LogMatch& m) const {
  Finding f;
  f.rule = rule;
  f.location.container = state.label();
  if (m.line->stream == 3) {
    f.location.field = state.fields.error;
  } else if (!logs.file.empty()) {
    f.location.file = logs.file;
    f.location.line = m.line->number;
    f.location.column = 1;
    f.location.end_line = m.line->number;
    f.location.end_column = static_cast<int>(m.line->text.size()) + 1;
    f.location.field = state.fields.logs;
  } else {
    f.location.field = state.fields.logs + ":" + stream_name(m.line->stream) + ":" + std::to_string(m.line->number);
  }
  f.evidence = clip(m.line->text);
  return f;
}

void Diagnosis::add(Finding f) {
  if (f.location.container.empty()) f.location.container = state.label();
  findings.push_back(std::move(f));
}

namespace {

std::string uptime_text(const ContainerState& s) {
  if (!s.uptime_seconds) return "";
  char buf[64];
  double u = *s.uptime_seconds;
  if (u < 120) std::snprintf(buf, sizeof buf, "%.1fs", u);
  else if (u < 7200) std::snprintf(buf, sizeof buf, "%.0fm", u / 60);
  else std::snprintf(buf, sizeof buf, "%.1fh", u / 3600);
  return buf;
}

void exit_finding(Diagnosis& d) {
  const ContainerState& s = d.state;
  const ExitCode* row = d.exit;
  if (!row || d.exit_explained) return;
  if (row->code == 0) {
    bool short_run = s.uptime_seconds ? *s.uptime_seconds < kShortUptimeSeconds : s.restart_count > 0;
    if (!short_run) return;
  }
  if (row->generic) {
    for (const auto& f : d.findings)
      if (f.severity != Severity::info) return;
    for (const auto& m : d.matches)
      if (!m.consumed) return;  // a log signature names the cause better
  }
  const auto& fn = s.fields;
  Finding f = d.at_field(row->rule, fn.exit_code);
  f.category = row->category;
  f.severity = row->severity;
  f.title = row->title;
  int code = *s.exit_code;
  std::string ev = fn.exit_code + "=" + std::to_string(code);
  if (s.oom_killed || code == 137) ev += ", " + fn.oom_killed + "=" + (s.oom_killed ? fn.oom_killed_true : fn.oom_killed_false);
  if (row->category == Category::oom_killed)
    ev += ", " + fn.memory + "=" + std::to_string(s.memory_limit) +
          (s.memory_limit ? " (" + human_bytes(s.memory_limit) + ")" : "");
  if (row->code == 0) ev += ", " + fn.started_at + "=" + s.started_at + ", " + fn.finished_at + "=" + s.finished_at;
  if (!s.error.empty()) ev += ", " + fn.error + "=" + clip(s.error, 200);
  // Log lines that only restate the exit are quoted here, not reported twice.
  std::string absorbs = row->absorbs, subject;
  for (auto& m : d.matches) {
    if (m.consumed || absorbs.empty()) continue;
    std::string id = m.sig->id;
    size_t pos = absorbs.find(id);
    if (pos == std::string::npos || (pos + id.size() < absorbs.size() && absorbs[pos + id.size()] != ',')) continue;
    if (m.line->stream != 3) ev += "; " + d.where(*m.line) + ": " + clip(m.line->text, 200);  // State.Error is quoted already
    if (subject.empty()) subject = m.subject;
    m.consumed = true;
  }
  f.evidence = ev;
  std::string what = std::string(row->meaning);
  if (code > 128 && code < 160 && std::string(row->meaning).find("SIG") == std::string::npos) {
    const char* sig = signal_name(code - 128);
    if (*sig) what = sig;
  }
  f.message = "container " + s.label() + " exited with " + std::to_string(code) + " (" + what + ")";
  if (auto up = uptime_text(s); !up.empty()) f.message += " after " + up;
  if (row->category == Category::oom_killed && s.memory_limit)
    f.message += " at its " + human_bytes(s.memory_limit) + " memory limit";
  if (!s.command_line().empty()) f.message += "; command: " + clip(s.command_line(), 120);
  f.root_cause = row->root_cause;
  f.fix = std::string(row->fix).find("{1}") == std::string::npos
              ? std::string(row->fix)
              : fill(row->fix, subject.empty() ? (s.entrypoint.empty() ? std::string("/entrypoint.sh") : s.entrypoint[0])
                                               : subject);
  d.add(std::move(f));
}

void match_findings(Diagnosis& d) {
  for (auto& m : d.matches) {
    if (m.consumed) continue;
    const Signature& sig = *m.sig;
    Finding f = d.at_line(sig.rule, m);
    f.category = sig.category;
    f.title = fill(sig.title, m.subject);
    f.message = f.title + " (" + d.where(*m.line) + (m.count > 1 ? ", " + std::to_string(m.count) + " lines" : "") + ")";
    f.root_cause = fill(sig.root_cause, m.subject);
    f.fix = fill(sig.fix, m.subject);
    std::string tags = sig.tags;
    size_t pos = 0;
    while (pos < tags.size()) {
      size_t comma = tags.find(',', pos);
      if (comma == std::string::npos) comma = tags.size();
      if (comma > pos) f.tags.push_back(tags.substr(pos, comma - pos));
      pos = comma + 1;
    }
    f.tags.push_back(std::string("signature:") + sig.id);
    d.add(std::move(f));
  }
}

void state_findings(Diagnosis& d) {
  const ContainerState& s = d.state;
  if (s.restart_count >= 3 || (s.restarting && s.restart_count > 0)) {
    Finding f = d.at_field("DD5010", s.fields.restart_count);
    f.evidence = s.fields.restart_count + "=" + std::to_string(s.restart_count) +
                 (s.restart_policy.empty() ? "" : ", " + s.fields.restart_policy + ".Name=" + s.restart_policy);
    f.message = "container " + s.label() + " has restarted " + std::to_string(s.restart_count) + " times";
    f.root_cause = "Each run fails the same way and the restart policy starts it again.";
    f.fix = "docker logs --tail 100 " + s.label() + "   # the findings above name the failure of the last run";
    d.add(std::move(f));
  }
  if (s.health_status == "unhealthy" && !d.health_explained) {
    Finding f = d.at_field("DD5011", s.fields.health);
    std::string out = s.health_log.empty() ? "" : clip(s.health_log.back().output, 200);
    f.evidence = s.fields.health + ".Status=unhealthy, FailingStreak=" + std::to_string(s.failing_streak) +
                 (out.empty() ? "" : ", last probe output: " + out);
    const Healthcheck* hc = s.effective_healthcheck();
    f.message = "container " + s.label() + " is unhealthy" + (hc ? ": probe `" + clip(hc->command(), 120) + "` fails" : "");
    f.root_cause = "The health probe keeps failing, so the orchestrator treats the container as dead.";
    f.fix = "docker exec " + s.label() + " sh -c '" + (hc ? clip(hc->command(), 120) : std::string("PROBE")) +
            "'   # run the probe by hand and fix the app or the probe";
    d.add(std::move(f));
  }
}

}  // namespace

std::vector<Finding> diagnose(const ContainerState& state, const Logs& logs, const CoreSettings* config,
                              const RuntimeSettings& /*no keys yet*/) {
  Diagnosis d(state, logs);
  std::vector<const JoinedRule*> rules = joined_rules();
  std::sort(rules.begin(), rules.end(), [](auto* a, auto* b) { return a->info().id < b->info().id; });
  for (const JoinedRule* r : rules) r->check(d);
  state_findings(d);
  exit_finding(d);
  match_findings(d);

  auto secrets = secret_values(state);
  Report report(config);
  for (auto& f : d.findings) {
    f.title = redact_all(f.title, secrets);
    f.evidence = redact_all(f.evidence, secrets);
    f.message = redact_all(f.message, secrets);
    f.root_cause = redact_all(f.root_cause, secrets);
    f.fix = redact_all(f.fix, secrets);
    size_t pos;
    while ((pos = f.fix.find("CONTAINER")) != std::string::npos) f.fix.replace(pos, 9, state.label());
    if (state.source == "k8s") f.fix = kubernetes_fix(f.fix, state.label());
    if (f.tags.empty() || f.tags.back() != "runtime") f.tags.push_back("runtime");
    report.add(std::move(f));
  }
  return std::move(report.findings());
}

}  // namespace dd::runtime
