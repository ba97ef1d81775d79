#include "knowledge/image_ref.h"

#include <gtest/gtest.h>

TEST(ImageRef, EveryReferenceForm) {
  struct Row {
    const char *ref, *registry, *path, *name, *tag, *digest, *canonical;
  } rows[] = {
      {"node", "", "node", "node", "", "", "docker.io/library/node:latest"},
      {"node:20-slim", "", "node", "node", "20-slim", "", "docker.io/library/node:20-slim"},
      {"library/node:20", "", "node", "node", "20", "", "docker.io/library/node:20"},
      {"docker.io/library/node:16", "", "node", "node", "16", "", "docker.io/library/node:16"},
      {"bitnami/redis:7", "", "bitnami/redis", "redis", "7", "", "docker.io/bitnami/redis:7"},
      {"gcr.io/distroless/nodejs20-debian12", "gcr.io", "distroless/nodejs20-debian12", "nodejs20-debian12", "", "",
       "gcr.io/distroless/nodejs20-debian12:latest"},
      {"localhost:5000/app:1.2", "localhost:5000", "app", "app", "1.2", "", "localhost:5000/app:1.2"},
      {"localhost/app", "localhost", "app", "app", "", "", "localhost/app:latest"},
      {"alpine@sha256:abc", "", "alpine", "alpine", "", "sha256:abc", "docker.io/library/alpine@sha256:abc"},
      {"alpine:3.19@sha256:abc", "", "alpine", "alpine", "3.19", "sha256:abc",
       "docker.io/library/alpine:3.19@sha256:abc"},
  };
  for (const auto& r : rows) {
    auto ref = dd::kb::parse_image(r.ref);
    EXPECT_EQ(ref.registry, r.registry) << r.ref;
    EXPECT_EQ(ref.path, r.path) << r.ref;
    EXPECT_EQ(ref.name, r.name) << r.ref;
    EXPECT_EQ(ref.tag, r.tag) << r.ref;
    EXPECT_EQ(ref.digest, r.digest) << r.ref;
    EXPECT_EQ(ref.canonical(), r.canonical) << r.ref;
  }
  EXPECT_TRUE(dd::kb::parse_image("node:20").official());
  EXPECT_FALSE(dd::kb::parse_image("bitnami/redis").official());
}
