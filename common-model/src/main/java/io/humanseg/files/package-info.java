/** Files on disk: atomic writes, which files are photos, and where the output of each goes. */
package io.humanseg.files;
