/** Run folders: atomic result files and JSON-lines metrics. */
package org.skillearn.examples.run;
