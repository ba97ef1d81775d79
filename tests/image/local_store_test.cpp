// --local-images through the image walk: the base image's files come from
// one export of the image (docker://), walked once, not from a container.
#include <gtest/gtest.h>

#include "docker_images.h"
#include "engine/image_store.h"
#include "helpers.h"
#include "image/local_store.h"

namespace dd::test {
namespace {

int containers_of(const std::string& image) {
  auto r = docker({"ps", "-a", "-q", "--filter", "ancestor=" + image});
  return int(std::count(r.out.begin(), r.out.end(), '\n'));
}

TEST(WalkImageStore, AnswersFromOneWalkOfTheRealImage) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string busybox = busybox_image();
  ASSERT_FALSE(busybox.empty()) << "could not build the busybox test image";
  TempDir dir;
  dir.write("os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.16.9\n");
  dir.write("Dockerfile", "FROM " + busybox +
                              "\nRUN echo 'app:x:1234:1234::/tmp:/bin/sh' >> /etc/passwd && mkdir -p /opt/tools "
                              "&& ln -s /nowhere /opt/tools/dangling && ln -s /bin/busybox /opt/tools/bb "
                              "&& touch /opt/gone && rm /bin/wget\n"
                              "COPY os-release /usr/lib/os-release\n"
                              "RUN ln -sf ../usr/lib/os-release /etc/os-release && rm /opt/gone\n");
  const std::string tag = "drydock-test/image-localstore:1";
  ASSERT_TRUE(docker_build(dir.path(), tag));
  const int before = containers_of(tag);

  image::WalkImageStore store(std::make_shared<engine::EngineImageStore>());
  ASSERT_TRUE(store.find(tag).has_value());
  EXPECT_EQ(store.has_path(tag, "/bin/busybox"), std::optional<bool>(true));
  EXPECT_EQ(store.has_path(tag, "/bin/sh"), std::optional<bool>(true));
  // Deleted by a later layer (a whiteout), and by the same RUN.
  EXPECT_EQ(store.has_path(tag, "/opt/gone"), std::optional<bool>(false));
  EXPECT_EQ(store.has_path(tag, "/bin/wget"), std::optional<bool>(false));
  EXPECT_EQ(store.has_path(tag, "/usr/bin/curl"), std::optional<bool>(false));
  // A symlink counts, even dangling; folders are followed.
  EXPECT_EQ(store.has_path(tag, "/opt/tools/dangling"), std::optional<bool>(true));
  EXPECT_EQ(store.has_path(tag, "/opt/tools/bb"), std::optional<bool>(true));
  auto passwd = store.read_file(tag, "/etc/passwd", 1 << 20);
  ASSERT_TRUE(passwd.has_value());
  EXPECT_NE(passwd->find("app:x:1234:1234"), std::string::npos) << *passwd;
  // /etc/os-release is a relative symlink to the copied file.
  auto os = store.read_file(tag, "/etc/os-release", 16384);
  ASSERT_TRUE(os.has_value());
  EXPECT_NE(os->find("VERSION_ID=3.16.9"), std::string::npos) << *os;
  // A file the walk does not keep: unknown, not empty.
  EXPECT_FALSE(store.read_file(tag, "/bin/busybox", 100).has_value());
  // Every question after the first is answered from the same walk, and no
  // container was made to look inside the image.
  EXPECT_EQ(store.walks(), 1u);
  EXPECT_EQ(containers_of(tag), before);

  // An image the engine does not hold: no walk, every answer unknown.
  EXPECT_FALSE(store.find("drydock-test/image-localstore:missing").has_value());
  EXPECT_FALSE(store.has_path("drydock-test/image-localstore:missing", "/bin/sh").has_value());
  EXPECT_EQ(store.walks(), 1u);
  docker({"rmi", "-f", tag});
}

}  // namespace
}  // namespace dd::test
