# CPack: `cpack -G DEB` in the build folder makes tinge_<version>_<arch>.deb from the install rules
# (cmake/Install.cmake), under /usr. Its Depends are what dpkg-shlibdeps finds the stripped binary
# linking against (LibTorch, GLFW, libjpeg, libtiff, libgomp, ...), plus libopenblas0-openmp: LibTorch
# reaches BLAS through the libblas.so.3 alternative, which is otherwise satisfied by the slow reference
# libblas3; OpenBLAS's OpenMP build runs on the same libgomp threads as LibTorch.
set(TINGE_PACKAGE_MAINTAINER "tinge maintainers <tinge@example.org>"
    CACHE STRING "Maintainer field of the .deb (Name <email>)")

set(CPACK_PACKAGE_NAME tinge)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "colourise black-and-white photos from a few colour hints")
set(CPACK_PACKAGE_CONTACT "${TINGE_PACKAGE_MAINTAINER}")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TINGE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
# The Description's first line is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the text below it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"tinge is an editor and a command-line tool that colourises black-and-white
photographs. The user places a few colour hints; a neural network (bundled)
or Levin et al.'s optimisation spreads them over the photo. The editor shows
the result live; the command line colourises single photos or folders and
evaluates, trains and inspects models.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(TINGE_WITH_TORCH)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-openmp")  # dpkg-shlibdeps' list is appended
endif()
include(CPack)
