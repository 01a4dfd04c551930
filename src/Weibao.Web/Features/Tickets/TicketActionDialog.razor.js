// The device's position for an engineer's check-in, as "lat,lng"; null when the browser cannot or may not tell.
export function locate() {
    return new Promise(resolve => {
        if (!navigator.geolocation) {
            resolve(null);
            return;
        }
        navigator.geolocation.getCurrentPosition(
            p => resolve(p.coords.latitude.toFixed(6) + "," + p.coords.longitude.toFixed(6)),
            () => resolve(null),
            { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
    });
}
