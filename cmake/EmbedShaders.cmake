# Embeds shaders/*.glsl into a generated C++ file: const char* tinge_shader(const char* name).
function(tinge_embed_shaders out)
  set(inputs ${ARGN})
  # A list's ';' would split the custom command (the shell then runs each file): pass '|' instead.
  string(REPLACE ";" "|" inputs_arg "${inputs}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DINPUTS=${inputs_arg}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedShadersScript.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/EmbedShadersScript.cmake
    VERBATIM
    COMMENT "Embedding shaders")
endfunction()
