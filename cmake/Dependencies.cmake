# Finds tinge's dependencies (Debian 12 packages) and exposes them as tinge::* targets.
# Off Debian (e.g. a CUDA machine with only PyTorch's wheel, scripts/gpu-train.sh) header-only
# pieces can come from TINGE_EXTRA_INCLUDE.
set(TINGE_EXTRA_INCLUDE "" CACHE PATH "Extra folder searched for eigen3/, nlohmann/ and stb/ headers")

find_package(Threads REQUIRED)

find_path(TINGE_JSON_DIR nlohmann/json.hpp HINTS ${TINGE_EXTRA_INCLUDE})
if(NOT TINGE_JSON_DIR)
  message(FATAL_ERROR "nlohmann/json.hpp not found: apt-get install nlohmann-json3-dev")
endif()
add_library(tinge::json INTERFACE IMPORTED)
target_include_directories(tinge::json INTERFACE ${TINGE_JSON_DIR})

find_path(TINGE_EIGEN_DIR Eigen/Sparse HINTS ${TINGE_EXTRA_INCLUDE} PATH_SUFFIXES eigen3)
if(NOT TINGE_EIGEN_DIR)
  message(FATAL_ERROR "Eigen not found: apt-get install libeigen3-dev")
endif()
add_library(tinge::eigen INTERFACE IMPORTED)
target_include_directories(tinge::eigen INTERFACE ${TINGE_EIGEN_DIR})

# stb: Debian's libstb-dev ships headers plus a compiled libstb; elsewhere we compile the
# implementation ourselves from the headers.
find_path(TINGE_STB_DIR stb_image.h HINTS ${TINGE_EXTRA_INCLUDE} PATH_SUFFIXES stb)
if(NOT TINGE_STB_DIR)
  message(FATAL_ERROR "stb headers not found: apt-get install libstb-dev")
endif()
find_library(TINGE_STB_LIB stb)
if(TINGE_STB_LIB)
  add_library(tinge::stb INTERFACE IMPORTED)
  target_include_directories(tinge::stb INTERFACE ${TINGE_STB_DIR})
  target_link_libraries(tinge::stb INTERFACE ${TINGE_STB_LIB})
else()
  add_library(tinge_stb_impl STATIC ${CMAKE_SOURCE_DIR}/third_party/stb_impl.c)
  target_include_directories(tinge_stb_impl PUBLIC ${TINGE_STB_DIR})
  set_target_properties(tinge_stb_impl PROPERTIES POSITION_INDEPENDENT_CODE ON)
  add_library(tinge::stb ALIAS tinge_stb_impl)
endif()

# libjpeg-turbo decodes JPEG (stb's progressive decoder reads out of bounds on corrupt files). Without
# it, stb decodes baseline JPEG and progressive JPEGs are refused by name.
find_package(JPEG)
add_library(tinge::jpeg INTERFACE IMPORTED)
if(JPEG_FOUND)
  target_link_libraries(tinge::jpeg INTERFACE JPEG::JPEG)
  target_compile_definitions(tinge::jpeg INTERFACE TINGE_HAVE_LIBJPEG=1)
else()
  message(WARNING "libjpeg not found (apt-get install libjpeg-dev): progressive JPEGs will be refused")
endif()

# libtiff decodes TIFF (archival scans: 8/16-bit gray or RGB, any compression). Without it, TIFF
# files are refused by name.
find_package(TIFF)
add_library(tinge::tiff INTERFACE IMPORTED)
if(TIFF_FOUND)
  target_link_libraries(tinge::tiff INTERFACE TIFF::TIFF)
  target_compile_definitions(tinge::tiff INTERFACE TINGE_HAVE_LIBTIFF=1)
else()
  message(WARNING "libtiff not found (apt-get install libtiff-dev): TIFF photos will be refused")
endif()

# zlib deflates the PNGs stb_image_write cannot write (16-bit samples, alpha results).
find_package(ZLIB)
if(NOT ZLIB_FOUND)
  message(FATAL_ERROR "zlib not found: apt-get install zlib1g-dev")
endif()
add_library(tinge::zlib INTERFACE IMPORTED)
target_link_libraries(tinge::zlib INTERFACE ZLIB::ZLIB)

if(TINGE_WITH_TORCH)
  find_package(Torch REQUIRED)
  # LibTorch's ABI flags (e.g. _GLIBCXX_USE_CXX11_ABI) must hold for every translation unit.
  set(CMAKE_CXX_FLAGS "${CMAKE_CXX_FLAGS} ${TORCH_CXX_FLAGS}")
endif()

if(TINGE_BUILD_APP)
  set(OpenGL_GL_PREFERENCE GLVND)
  find_package(OpenGL REQUIRED)
  find_package(glfw3 QUIET)
  find_library(TINGE_IMGUI_LIB imgui)
  find_path(TINGE_IMGUI_DIR imgui.h PATH_SUFFIXES imgui)
  if(NOT TINGE_IMGUI_LIB OR NOT TINGE_IMGUI_DIR)
    message(FATAL_ERROR "Dear ImGui not found: apt-get install libimgui-dev (or -DTINGE_BUILD_APP=OFF)")
  endif()
  add_library(tinge::imgui INTERFACE IMPORTED)
  target_include_directories(tinge::imgui INTERFACE ${TINGE_IMGUI_DIR} ${TINGE_IMGUI_DIR}/backends)
  if(TARGET glfw)
    set(TINGE_GLFW glfw)
  else()
    find_library(TINGE_GLFW glfw REQUIRED)
  endif()
  target_link_libraries(tinge::imgui INTERFACE ${TINGE_IMGUI_LIB} ${TINGE_GLFW} OpenGL::GL ${CMAKE_DL_LIBS})
endif()
