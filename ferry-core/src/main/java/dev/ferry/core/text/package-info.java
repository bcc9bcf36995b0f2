/** Text as the protocols carry it, read strictly. */
package dev.ferry.core.text;
