#pragma once
// One image analysis: open the source, run the walk with every registered
// analyzer, turn the walk's integrity issues into findings, and the
// renderings of the result (text layer table, JSON layers/packages, the
// self-contained HTML report).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "image/analyzer.h"
#include "image/walk.h"

namespace dd::image {

struct Analysis {
  ImageModel model;
  WalkResult walk;
  std::vector<Finding> findings;  // through the Report: config applied
  std::vector<Package> packages;
  std::string base;  // the base image, from labels or history ("" when unknown)
};

// Throws InputError when the source cannot be opened.
// Reads the core settings (ignores, severities); the image section's
// thresholds come in `opt`, filled from Config::image() by the caller.
Analysis analyze(const std::string& source, const Options& opt, const CoreSettings* core);
// The same analysis of a `docker save` stream read once (walk_export):
// what docker:// does with the engine's export; tests and the fuzz target
// feed it archives.
Analysis analyze_export(const std::string& name, const std::function<void(const ByteSink&)>& produce,
                        const Options& opt, const CoreSettings* core);

// Ties layers to the instructions of a Dockerfile's final stage (history
// created_by against the parsed instructions): fills Layer::dockerfile_*.
void match_dockerfile(ImageModel& m, const std::string& dockerfile_path);

std::string to_text(const Analysis& a);
nlohmann::json to_json(const Analysis& a);  // {image, layers, packages, totals}
std::string to_html(const Analysis& a);

// The size tree of a merged filesystem: dirs with their total bytes, the
// largest children first, small ones folded. {"n":name,"s":bytes,"c":[...]}.
nlohmann::json size_tree(const FsView& fs, size_t max_children = 40);

// The n largest files of a merged filesystem ({path, size, layer}) and its n
// largest folders ({path, size}), a folder left out when one subfolder holds
// 90% of it. {"files": [...], "dirs": [...]}, largest first.
nlohmann::json largest(const FsView& fs, size_t n = 10);

// `drydock scan DIR --image SOURCE`: adds the image's findings to the
// project's, one finding per incident: an image finding of the same
// category as a Dockerfile finding on the same line (or, for the config
// checks, in the same Dockerfile) is folded into it ("confirmed in the
// image"); the others are appended.
void merge_findings(std::vector<Finding>& project, std::vector<Finding> image_findings);

// `drydock image diff A B`.
nlohmann::json diff_json(const Analysis& a, const Analysis& b);
std::string diff_text(const nlohmann::json& d);

}  // namespace dd::image
