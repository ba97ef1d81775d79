#include "knowledge/image_ref.h"

#include <vector>

namespace dd::kb {

ImageRef parse_image(std::string_view ref) {
  ImageRef r;
  std::string s(ref);
  size_t at = s.find('@');
  if (at != std::string::npos) {
    r.digest = s.substr(at + 1);
    s.resize(at);
  }
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = s.find('/', start);
    parts.push_back(s.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  const std::string& first = parts[0];
  if (parts.size() > 1 && (first.find('.') != std::string::npos || first.find(':') != std::string::npos ||
                           first == "localhost")) {
    r.registry = first;
    parts.erase(parts.begin());
  }
  if (r.registry == "docker.io" || r.registry == "index.docker.io" || r.registry == "registry-1.docker.io")
    r.registry.clear();
  std::string& last = parts.back();
  size_t colon = last.rfind(':');
  if (colon != std::string::npos) {
    r.tag = last.substr(colon + 1);
    last.resize(colon);
  }
  if (r.registry.empty() && parts.size() > 1 && parts[0] == "library") parts.erase(parts.begin());
  for (size_t i = 0; i < parts.size(); ++i) r.path += (i ? "/" : "") + parts[i];
  r.name = parts.back();
  return r;
}

std::string ImageRef::canonical() const {
  std::string out = registry.empty() ? "docker.io/" : registry + "/";
  if (registry.empty() && path.find('/') == std::string::npos) out += "library/";
  out += path;
  if (!tag.empty()) out += ":" + tag;
  else if (digest.empty()) out += ":latest";
  if (!digest.empty()) out += "@" + digest;
  return out;
}

}  // namespace dd::kb
