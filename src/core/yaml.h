#pragma once
// The one way the project parses YAML. yaml-cpp 0.7 (Debian 12) loops
// forever, allocating, on some malformed streams: its parser keeps returning
// empty documents without consuming input (fixed upstream in 0.8.0). Every
// load goes through a first pass over the events that stops that and throws
// YAML::ParserException with the mark.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dd::yaml {

// Every document of `text`. Throws YAML::ParserException (with its mark) on
// malformed input, including the streams yaml-cpp 0.7 would never finish.
std::vector<YAML::Node> load_documents(const std::string& text);

// The first document of `text` (a null node when there is none); throws as
// load_documents.
YAML::Node load_document(const std::string& text);

// "FILE:LINE:COL: malformed YAML: MESSAGE" (one line) for a parser error.
std::string malformed_message(const std::string& file, const YAML::Exception& e);

// Reads `path` and returns its first document. Throws InputError, one line:
// "FILE: cannot read WHAT" when it cannot be read, malformed_message when it
// does not parse. `display` names the file in messages ("" for path).
YAML::Node load_file(const std::filesystem::path& path, std::string_view what, const std::string& display = "");

}  // namespace dd::yaml
