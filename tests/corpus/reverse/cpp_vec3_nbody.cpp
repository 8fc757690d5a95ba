// A small C++ n-body integrator written with value types and a class hierarchy, no virtual calls: a Vec3
// class with operator overloads returning by value and by reference (+, -, unary -, +=, -=, *=, dot,
// cross, norm), a base class Body with non-virtual member functions (kinetic energy, kick, drift,
// angular momentum), a derived Planet adding a radius and a softened gravitational pair interaction, and
// a System owning the planets in a fixed-size array with member functions that loop over pairs. A few
// leapfrog steps, then an objective of total energy plus angular momentum. Gradient w.r.t. initial
// positions, velocities and masses; dot-product test.
#include "enzyme_reverse_test.h"

class Vec3
{
public:
    double x, y, z;
    Vec3() : x(0), y(0), z(0) {}
    Vec3(double x_, double y_, double z_) : x(x_), y(y_), z(z_) {}
    Vec3 operator+(const Vec3 &o) const { return Vec3(x + o.x, y + o.y, z + o.z); }
    Vec3 operator-(const Vec3 &o) const { return Vec3(x - o.x, y - o.y, z - o.z); }
    Vec3 operator-() const { return Vec3(-x, -y, -z); }
    Vec3 &operator+=(const Vec3 &o)
    {
        x += o.x;
        y += o.y;
        z += o.z;
        return *this;
    }
    Vec3 &operator-=(const Vec3 &o) { return *this += -o; }
    Vec3 &operator*=(double s)
    {
        x *= s;
        y *= s;
        z *= s;
        return *this;
    }
    double dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
    Vec3 cross(const Vec3 &o) const { return Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x); }
    double norm() const { return sqrt(dot(*this)); }
};
// Scaling is done in place (operator*=): a by-value 'Vec3 operator*(double, const Vec3 &)' is a function
// with an sret result and an active double argument, which the engine does not handle yet (ENZ0008).

class Body
{
public:
    Vec3 pos, vel;
    double mass;
    double kinetic() const { return 0.5 * mass * vel.dot(vel); }
    void kick(const Vec3 &force, double dt)
    {
        Vec3 dv = force;
        vel += dv *= dt / mass;
    }
    void drift(double dt)
    {
        Vec3 dp = vel;
        pos += dp *= dt;
    }
    Vec3 angular_momentum() const
    {
        Vec3 l = pos.cross(vel);
        return l *= mass;
    }
};

class Planet : public Body
{
public:
    double radius;
    Vec3 pull_from(const Planet &o) const
    {
        Vec3 d = o.pos - pos;
        double r2 = d.dot(d) + (radius + o.radius) * (radius + o.radius) * 0.01;
        return d *= mass * o.mass / (r2 * sqrt(r2));
    }
    double potential_with(const Planet &o) const
    {
        Vec3 d = o.pos - pos;
        return -mass * o.mass / sqrt(d.dot(d) + (radius + o.radius) * (radius + o.radius) * 0.01);
    }
};

constexpr int NB = 4;

class System
{
public:
    Planet p[NB];
    void forces(Vec3 *f) const
    {
        for (int i = 0; i < NB; i++) f[i] = Vec3();
        for (int i = 0; i < NB; i++)
            for (int j = i + 1; j < NB; j++) {
                Vec3 g = p[i].pull_from(p[j]);
                f[i] += g;
                f[j] -= g;
            }
    }
    void step(double dt)
    {
        Vec3 f[NB];
        forces(f);
        for (auto &b : p) b.kick(f[&b - p], 0.5 * dt);
        for (auto &b : p) b.drift(dt);
        forces(f);
        for (int i = 0; i < NB; i++) p[i].kick(f[i], 0.5 * dt);
    }
    double energy() const
    {
        double e = 0.0;
        for (int i = 0; i < NB; i++) {
            e += p[i].kinetic();
            for (int j = i + 1; j < NB; j++) e += p[i].potential_with(p[j]);
        }
        return e;
    }
};

// state: 7 doubles per body [pos(3), vel(3), mass]
static double objective(const double *state)
{
    System s;
    for (int i = 0; i < NB; i++) {
        const double *q = state + 7 * i;
        s.p[i].pos = Vec3(q[0], q[1], q[2]);
        s.p[i].vel = Vec3(q[3], q[4], q[5]);
        s.p[i].mass = q[6];
        s.p[i].radius = 0.1 * (i + 1);
    }
    for (int t = 0; t < 5; t++) s.step(0.01);
    Vec3 L;
    for (const Planet &b : s.p) L += b.angular_momentum();
    return s.energy() + 0.5 * L.dot(L) + s.p[0].pos.x;
}

static double wflat(double *st, void *) { return objective(st); }

int main()
{
    rev_seed(1614);
    double st[7 * NB], dst[7 * NB] = {0}, v[7 * NB];
    for (int i = 0; i < NB; i++) {
        double *q = st + 7 * i;
        q[0] = 2.0 * i + 0.3 * rev_rand();
        q[1] = (i % 2 ? 1.0 : -1.0) + 0.3 * rev_rand();
        q[2] = 0.3 * rev_rand();
        for (int k = 3; k < 6; k++) q[k] = 0.5 * rev_rand();
        q[6] = 1.0 + 0.3 * rev_rand();
    }
    rev_rand_fill(v, 7 * NB);
    __enzyme_autodiff_v((void *)objective, st, dst);
    rev_check_grad("d(pos,vel,mass)", wflat, nullptr, st, dst, 7 * NB, REV_H, REV_TOL);
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)objective, st, v);
    rev_check_dot("nbody", w * jv, w * rev_dot(v, dst, 7 * NB));
    return corpus_exit();
}
