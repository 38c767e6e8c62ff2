/** The batch type the DARTS objectives read (images with class labels). */
package org.skillearn.darts.data;
