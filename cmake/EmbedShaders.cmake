# Embeds shaders/*.glsl into a generated C++ file: const char* tinge_shader(const char* name).
function(tinge_embed_shaders out)
  set(inputs ${ARGN})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DINPUTS=${inputs}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedShadersScript.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/EmbedShadersScript.cmake
    COMMENT "Embedding shaders")
endfunction()
