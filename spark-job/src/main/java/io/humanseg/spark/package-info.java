/**
 * The Spark job. Not written yet: this module only reserves its place in the build so that the layout is
 * fixed from the start; the job itself is the subject of its own issue.
 */
package io.humanseg.spark;
