// The one place the editor includes OpenGL: core-profile prototypes (resolved by libGL through
// GLVND) and GLFW without its own GL header.
#pragma once
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
