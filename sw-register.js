// Offline support; relative, so it works from any sub-path. A file of its own,
// not inline: the page's Content-Security-Policy allows no inline script.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('./sw.js');
