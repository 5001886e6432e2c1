# Install rules: `cmake --install build --prefix P` lays out
#   P/bin/tinge
#   P/share/tinge/models/tinge-default.safetensors   (the bundled network, builds with LibTorch)
#   P/share/tinge/samples/*.jpg + README.md          (sample photos and their credits)
#   P/share/applications/tinge.desktop, P/share/icons/hicolor/scalable/apps/tinge.svg (the editor)
#   P/share/man/man1/tinge.1
# Shaders are compiled into the binary (cmake/EmbedShaders.cmake). The binary finds share/tinge
# relative to itself (src/cli/resources.cpp), so a prefix can be moved after installing.
include(GNUInstallDirs)

# The path from the installed binary's folder to share/tinge ("../share/tinge" for the default
# directories), compiled into the CLI: relative, so nothing absolute ends up in the binary.
file(RELATIVE_PATH TINGE_DATA_FROM_BIN "${CMAKE_INSTALL_FULL_BINDIR}" "${CMAKE_INSTALL_FULL_DATADIR}/tinge")
target_compile_definitions(tinge PRIVATE TINGE_DATA_FROM_BIN="${TINGE_DATA_FROM_BIN}")

# A binary run from its build folder has no share/tinge beside it. CMake writes this marker next to
# it naming the source tree's folders instead; resources.cpp reads it when present. It is only ever
# written into the build folder and never installed, so an installed tinge cannot see the source
# tree, and no source path is compiled into any binary.
file(GENERATE OUTPUT "$<TARGET_FILE_DIR:tinge>/tinge-build-resources.txt" CONTENT
"# Written by CMake for the tinge built here (never installed): where it finds its bundled files.
models=${CMAKE_SOURCE_DIR}/models
samples=${CMAKE_SOURCE_DIR}/assets/samples
")

install(TARGETS tinge RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
set(TINGE_DATA_DIR ${CMAKE_INSTALL_DATADIR}/tinge)
if(TINGE_WITH_TORCH)
  install(FILES ${CMAKE_SOURCE_DIR}/models/tinge-default.safetensors DESTINATION ${TINGE_DATA_DIR}/models)
endif()
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/samples/ DESTINATION ${TINGE_DATA_DIR}/samples
        FILES_MATCHING PATTERN "*.jpg" PATTERN "README.md")
if(TINGE_BUILD_APP)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/tinge.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/tinge.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
configure_file(${CMAKE_SOURCE_DIR}/packaging/tinge.1.in ${CMAKE_BINARY_DIR}/packaging/tinge.1 @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/packaging/tinge.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)
