#include "image/packages/sbom.h"

#include <algorithm>
#include <set>

#include "image/source.h"
#include "image/walk.h"

namespace dd::image::packages {
namespace {

std::string image_name(const ImageModel& m) { return !m.name.empty() ? m.name : m.source; }

// A stable UUID-shaped serial from the image id (RFC 4122 layout, version 5-like bits).
std::string serial_from(const std::string& id) {
  std::string hex;
  for (char c : id)
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(c));
  while (hex.size() < 32) hex += '0';
  hex[12] = '5';
  hex[16] = "89ab"[hex[16] % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string spdx_id(size_t i, const ::dd::image::Package& p) {
  std::string s = "SPDXRef-Package-" + p.type + "-";
  for (char c : p.name) s += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '-';
  return s + "-" + std::to_string(i);
}

}  // namespace

nlohmann::ordered_json cyclonedx(const ImageModel& model, const std::vector<::dd::image::Package>& packages,
                                 const std::string& timestamp) {
  using J = nlohmann::ordered_json;
  J comps = J::array();
  for (const auto& p : packages) {
    J c{{"bom-ref", p.purl.empty() ? p.type + ":" + p.name + "@" + p.version : p.purl},
        {"type", "library"},
        {"name", p.name}};
    if (!p.version.empty()) c["version"] = p.version;
    if (!p.purl.empty()) c["purl"] = p.purl;
    if (!p.license.empty()) c["licenses"] = J::array({J{{"license", J{{"name", p.license}}}}});
    J props = J::array();
    props.push_back({{"name", "drydock:package:type"}, {"value", p.type}});
    if (!p.path.empty()) props.push_back({{"name", "drydock:location:path"}, {"value", p.path}});
    if (p.layer >= 0 && p.layer < static_cast<int>(model.layers.size()))
      props.push_back({{"name", "drydock:layer:digest"}, {"value", model.layers[p.layer].digest}});
    if (!p.source_name.empty()) props.push_back({{"name", "drydock:package:source"}, {"value", p.source_name}});
    if (!p.source_version.empty()) props.push_back({{"name", "drydock:package:source-version"}, {"value", p.source_version}});
    c["properties"] = props;
    comps.push_back(std::move(c));
  }
  // Duplicate bom-refs are invalid: the second of a pair gets its path appended.
  std::set<std::string> refs;
  for (auto& c : comps) {
    std::string ref = c["bom-ref"];
    if (!refs.insert(ref).second) {
      for (const auto& pr : c["properties"])
        if (pr["name"] == "drydock:location:path") {
          ref += '#';
          ref += pr["value"].get<std::string>();
        }
      c["bom-ref"] = ref;
      refs.insert(ref);
    }
  }
  J meta{{"timestamp", timestamp},
         {"tools", J{{"components", J::array({J{{"type", "application"}, {"name", "drydock"}, {"version", DRYDOCK_VERSION}}})}}},
         {"component", J{{"bom-ref", "image"}, {"type", "container"}, {"name", image_name(model)}}}};
  if (!model.id.empty()) meta["component"]["version"] = model.id;
  return J{{"bomFormat", "CycloneDX"},
           {"specVersion", "1.5"},
           {"serialNumber", "urn:uuid:" + serial_from(model.id.empty() ? image_name(model) : model.id)},
           {"version", 1},
           {"metadata", meta},
           {"components", comps}};
}

nlohmann::ordered_json spdx(const ImageModel& model, const std::vector<::dd::image::Package>& packages,
                            const std::string& timestamp) {
  using J = nlohmann::ordered_json;
  J pkgs = J::array();
  J rels = J::array();
  const std::string root = "SPDXRef-Image";
  pkgs.push_back({{"SPDXID", root},
                  {"name", image_name(model)},
                  {"versionInfo", model.id.empty() ? "NOASSERTION" : model.id},
                  {"downloadLocation", "NOASSERTION"},
                  {"filesAnalyzed", false},
                  {"primaryPackagePurpose", "CONTAINER"}});
  rels.push_back({{"spdxElementId", "SPDXRef-DOCUMENT"}, {"relationshipType", "DESCRIBES"}, {"relatedSpdxElement", root}});
  for (size_t i = 0; i < packages.size(); ++i) {
    const auto& p = packages[i];
    std::string id = spdx_id(i, p);
    J e{{"SPDXID", id}, {"name", p.name}};
    if (!p.version.empty()) e["versionInfo"] = p.version;
    e["downloadLocation"] = "NOASSERTION";
    e["filesAnalyzed"] = false;
    // Declared licences as the package states them: not always SPDX expressions.
    e["licenseConcluded"] = "NOASSERTION";
    e["licenseDeclared"] = "NOASSERTION";
    if (!p.license.empty()) e["comment"] = "declared license: " + p.license;
    if (!p.path.empty()) e["sourceInfo"] = "found in " + p.path;
    if (!p.purl.empty())
      e["externalRefs"] = J::array({J{{"referenceCategory", "PACKAGE-MANAGER"}, {"referenceType", "purl"}, {"referenceLocator", p.purl}}});
    pkgs.push_back(std::move(e));
    rels.push_back({{"spdxElementId", root}, {"relationshipType", "CONTAINS"}, {"relatedSpdxElement", id}});
  }
  std::string ns_id = serial_from(model.id.empty() ? image_name(model) : model.id);
  return J{{"spdxVersion", "SPDX-2.3"},
           {"dataLicense", "CC0-1.0"},
           {"SPDXID", "SPDXRef-DOCUMENT"},
           {"name", image_name(model)},
           {"documentNamespace", "https://drydock.invalid/spdx/" + ns_id},
           {"creationInfo", J{{"created", timestamp}, {"creators", J::array({std::string("Tool: drydock-") + DRYDOCK_VERSION})}}},
           {"packages", pkgs},
           {"relationships", rels}};
}

std::vector<::dd::image::Package> inventory(const std::string& source, const Options& opt, ImageModel* model_out) {
  std::vector<std::unique_ptr<Analyzer>> list;
  for (auto& a : analyzers())
    if (a.name == "BinariesAnalyzer" || a.name == "PackagesAnalyzer") list.push_back(a.make());
  struct Sink : FindingSink {
    std::vector<::dd::image::Package> pkgs;
    void add(Finding) override {}
    void add_package(::dd::image::Package p) override { pkgs.push_back(std::move(p)); }
  } sink;
  WalkedImage w = open_and_walk(source, opt, list, sink);
  std::stable_sort(sink.pkgs.begin(), sink.pkgs.end(), [](const auto& a, const auto& b) {
    return std::tie(a.purl, a.path) < std::tie(b.purl, b.path);
  });
  w.model.options = nullptr;
  if (model_out) *model_out = std::move(w.model);
  return std::move(sink.pkgs);
}

}  // namespace dd::image::packages
