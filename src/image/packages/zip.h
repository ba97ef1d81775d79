#pragma once
// A streaming reader of Java archives (jar/war/ear: zip files) that finds
// META-INF/MANIFEST.MF and META-INF/maven/**/pom.properties as the archive
// streams past, through the local file headers (the central directory at
// the end is never needed). Deflated entries are inflated with isa-l only
// when wanted (or when a data descriptor hides their size); nested jars
// (BOOT-INF/lib, WEB-INF/lib, lib/) are read the same way, two levels deep.
// Memory: one inflate state and at most 1 MiB per wanted entry. A stored
// entry of unknown size (data descriptor) ends the scan: what was found
// before it is kept.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "image/packages/package.h"

namespace dd::image::packages {

class JarScanner {
 public:
  explicit JarScanner(int depth = 0);
  ~JarScanner();
  // Returns false once nothing more is wanted.
  bool feed(std::string_view chunk);
  // The packages found: each pom.properties, else the manifest's, and those
  // of nested jars (their path is "outer.jar!/BOOT-INF/lib/x.jar" in `nested_path`).
  std::vector<Package> finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dd::image::packages
