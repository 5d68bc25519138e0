/** The builder page: the four widgets (for the preview, from source as on every demo page) and the builder. */
import '../widgets.js';
import './embed-builder.js';
