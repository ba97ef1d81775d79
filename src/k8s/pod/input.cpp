// Reading a file into pods and events: the kind is decided from the content.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/yaml.h"
#include "k8s/pod/pod.h"
#include "k8s/manifest.h"

namespace dd::k8s::pod {
namespace {

using nlohmann::json;

// `budget` bounds the nodes converted: aliases can expand a small file into
// billions of nodes ("billion laughs").
json to_json(const YAML::Node& n, size_t& budget, int depth = 0) {
  if (depth > 200) throw InputError("nesting deeper than 200 levels");
  if (budget == 0) throw InputError("more than 1,000,000 YAML nodes once aliases are expanded");
  --budget;
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      json o = json::object();
      for (const auto& kv : n) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
        o[key] = to_json(kv.second, budget, depth + 1);
      }
      return o;
    }
    case YAML::NodeType::Sequence: {
      json a = json::array();
      for (const auto& e : n) a.push_back(to_json(e, budget, depth + 1));
      return a;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "?" && (s == "null" || s == "~" || s == "Null" || s == "NULL")) return nullptr;
      if (n.Tag() == "?" && (s == "true" || s == "false")) return s == "true";
      return s;
    }
    default:
      return nullptr;
  }
}

std::string read_file_text(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw InputError(file.string() + ": is a directory; expected a file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string() + ": cannot read the file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool looks_describe(std::string_view text) {
  // describe pod starts with "Name:" and has a Namespace: line (and usually Containers:).
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  return text.compare(start, 5, "Name:") == 0 && text.find("\nNamespace:") != std::string_view::npos;
}

int line_of_byte(std::string_view text, size_t byte) {
  int line = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// The object's kind; "" when absent or not a string (`kind:` given a map in
// malformed input must not throw from json::value).
std::string kind_of(const json& j) {
  if (!j.is_object()) return "";
  auto it = j.find("kind");
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool is_event(const json& j) { return kind_of(j) == "Event"; }

}  // namespace

std::vector<json> yaml_documents(std::string_view text, const std::string& file) {
  std::vector<json> out;
  try {
    std::string s(text);
    size_t budget = 1000000;
    for (const auto& doc : yaml::load_documents(s))
      if (doc.IsDefined() && !doc.IsNull()) out.push_back(to_json(doc, budget));
  } catch (const YAML::Exception& e) {
    throw InputError(yaml::malformed_message(file, e));
  } catch (const InputError& e) {
    throw InputError(file + ": " + e.what());
  }
  return out;
}

std::string Event::container() const {
  auto from = [](const std::string& s) -> std::string {
    auto a = s.find("spec.containers{");
    size_t len = 16;
    if (a == std::string::npos) {
      a = s.find("spec.initContainers{");
      len = 20;
    }
    if (a == std::string::npos) return {};
    auto b = s.find('}', a);
    return b == std::string::npos ? std::string() : s.substr(a + len, b - a - len);
  };
  std::string c = from(field_path);
  if (c.empty() && message.rfind("spec.", 0) == 0) c = from(message.substr(0, message.find(':')));
  return c;
}

std::vector<Event> events_from_json(const json& j, const std::string& file) {
  std::vector<Event> out;
  std::vector<const json*> items;
  if (is_event(j)) items.push_back(&j);
  else if (j.is_object() && j.contains("items") && j["items"].is_array())
    for (const auto& i : j["items"])
      if (is_event(i)) items.push_back(&i);
  int idx = 0;
  for (const json* e : items) {
    Event ev;
    ev.file = file;
    ev.index = idx++;
    ev.type = e->value("type", "");
    ev.reason = e->value("reason", "");
    ev.message = e->contains("message") && (*e)["message"].is_string() ? (*e)["message"].get<std::string>() : "";
    if (auto it = e->find("involvedObject"); it != e->end() && it->is_object()) {
      ev.object_kind = it->value("kind", "");
      ev.object_name = it->value("name", "");
      ev.object_namespace = it->value("namespace", "");
      ev.field_path = it->value("fieldPath", "");
    } else if (auto it2 = e->find("regarding"); it2 != e->end() && it2->is_object()) {  // events.k8s.io/v1
      ev.object_kind = it2->value("kind", "");
      ev.object_name = it2->value("name", "");
      ev.object_namespace = it2->value("namespace", "");
      ev.field_path = it2->value("fieldPath", "");
      if (ev.message.empty() && e->contains("note") && (*e)["note"].is_string()) ev.message = (*e)["note"];
    }
    auto text = [&](const json& o, const char* k) -> std::string {
      auto it = o.find(k);
      return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    // count/series: a series (new-style events) counts every occurrence;
    // the old count field is deprecated but still set by most components.
    int count = 1;
    if (auto c = e->find("count"); c != e->end() && c->is_number_integer() && c->get<int64_t>() > 0)
      count = static_cast<int>(std::min<int64_t>(c->get<int64_t>(), 1 << 30));
    std::string last = text(*e, "lastTimestamp"), first = text(*e, "firstTimestamp");
    std::string event_time = text(*e, "eventTime");
    if (auto s = e->find("series"); s != e->end() && s->is_object()) {
      if (auto c = s->find("count"); c != s->end() && c->is_number_integer() && c->get<int64_t>() > 0)
        count = std::max(count, static_cast<int>(std::min<int64_t>(c->get<int64_t>(), 1 << 30)));
      if (auto lo = text(*s, "lastObservedTime"); !lo.empty()) last = lo;
    }
    if (first.empty()) first = !event_time.empty() ? event_time : last;
    if (last.empty()) last = !event_time.empty() ? event_time : first;
    ev.count = count;
    ev.first_seen = first;
    ev.last_seen = last;
    if (auto s = e->find("source"); s != e->end() && s->is_object()) ev.source = text(*s, "component");
    if (ev.source.empty()) ev.source = text(*e, "reportingComponent");
    if (ev.source.empty()) ev.source = text(*e, "reportingController");
    out.push_back(std::move(ev));
  }
  // Oldest first, by the time each was last seen (eventTime for new-style
  // events, lastTimestamp for old ones).
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    auto ta = runtime::parse_time(a.last_seen), tb = runtime::parse_time(b.last_seen);
    if (ta && tb) return *ta < *tb;
    return false;
  });
  return out;
}

Input read_input_text(std::string_view text, const std::string& file) {
  Input in;
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) throw InputError(file + ": the file is empty");
  if (looks_describe(text)) {
    in.kind = InputKind::describe;
    in.pods = parse_describe(text, file);
    if (in.pods.empty()) throw InputError(file + ": no pod found in the kubectl describe text");
    return in;
  }
  std::vector<json> docs;
  if (text[start] == '{' || text[start] == '[') {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
      try {
        (void)json::parse(text.begin(), text.end());
      } catch (const json::parse_error& e) {
        throw InputError(file + ": malformed JSON at line " +
                         std::to_string(line_of_byte(text, e.byte ? e.byte - 1 : 0)) + " (byte " +
                         std::to_string(e.byte) + ")");
      }
      throw InputError(file + ": malformed JSON");
    }
    docs.push_back(std::move(j));
  } else {
    docs = yaml_documents(text, file);
  }
  for (const auto& d : docs) {
    if (d.is_array() || (d.is_object() && d.contains("State") && d.contains("Config"))) {
      in.kind = InputKind::docker_inspect;
      return in;
    }
    auto pods = pods_from_json(d, file);
    auto events = events_from_json(d, file);
    for (auto& p : pods) in.pods.push_back(std::move(p));
    for (auto& e : events) in.events.push_back(std::move(e));
  }
  if (!in.pods.empty()) in.kind = InputKind::pod;
  else if (!in.events.empty()) in.kind = InputKind::events;
  else if (docs.size() == 1 && kind_of(docs[0]) == "List")
    in.kind = InputKind::events;  // an empty List: kubectl get events with none
  else
    throw InputError(file + ": neither a pod, a List of pods, events, kubectl describe pod text nor docker inspect JSON");
  return in;
}

Input read_input(const std::filesystem::path& file) {
  std::string text = read_file_text(file);
  return read_input_text(text, file.string());
}

void attach_events(std::vector<Pod>& pods, const std::vector<Event>& events) {
  for (auto& p : pods) {
    std::vector<Event> mine;
    for (const auto& e : events) {
      if (!e.object_namespace.empty() && e.object_namespace != p.namespace_) continue;
      if (e.object_kind == "Pod" && e.object_name == p.name) mine.push_back(e);
    }
    if (mine.empty()) continue;
    p.events = std::move(mine);  // JSON holds every event; describe's table only a summary
  }
}

std::vector<Pod> pods_from_events(const std::vector<Event>& events) {
  std::vector<Pod> out;
  for (const auto& e : events) {
    if (e.object_kind != "Pod" || e.object_name.empty()) continue;
    bool seen = false;
    for (const auto& p : out) seen |= p.name == e.object_name && p.namespace_ == (e.object_namespace.empty() ? "default" : e.object_namespace);
    if (seen) continue;
    Pod p;
    p.name = e.object_name;
    if (!e.object_namespace.empty()) p.namespace_ = e.object_namespace;
    p.file = e.file;
    out.push_back(std::move(p));
  }
  attach_events(out, events);
  // Containers named by the events, so that their findings say which.
  for (auto& p : out)
    for (const auto& e : p.events)
      if (auto c = e.container(); !c.empty() && !p.find_container(c)) {
        Container k;
        k.name = c;
        k.index = static_cast<int>(p.containers.size());
        k.spec_path = "spec.containers[?]";
        p.containers.push_back(std::move(k));
      }
  return out;
}

void merge_pod(Pod& into, const Pod& from) {
  if (into.events.empty()) into.events = from.events;
  if (into.owner_kind.empty()) {
    into.owner_kind = from.owner_kind;
    into.owner_name = from.owner_name;
  }
  if (into.reason.empty()) into.reason = from.reason;
  if (into.message.empty()) into.message = from.message;
}

}  // namespace dd::k8s::pod
