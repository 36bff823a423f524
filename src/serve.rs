//! `serve`: a preview server on loopback that rebuilds on change and reloads the browser.
